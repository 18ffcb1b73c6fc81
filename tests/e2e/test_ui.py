"""The web UI in headless Chromium: event browser, dyad series chart, map, actor page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _open(page, url: str, ready: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_selector(f"#view[data-ready='{ready}']", timeout=15_000)


def test_event_browser_highlights_and_filters(page, live_url: str, shots: Path):  # type: ignore[no-untyped-def]
    _open(page, f"{live_url}/#/events?actor=RUS&type=ASSAULT&sort=date", "events")
    cards = page.locator("#event-list .event")
    assert cards.count() >= 2
    first = cards.first
    assert first.locator("mark.actor").first.inner_text() == "Russia"
    assert first.locator("mark.trigger").inner_text() == "shelled"
    assert first.locator("mark.place").inner_text() == "Kharkiv"
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    # Filtering through the form changes the list.
    page.fill("input[name=type]", "CONSULT")
    page.click("form.filters button")
    page.wait_for_function("() => location.hash.includes('CONSULT') && document.querySelector('#view').dataset.ready === 'events'")
    assert all(t == "CONSULT" for t in page.locator("#event-list .badge").all_inner_texts())
    # The evidence page shows the article text with the sentence marked.
    page.locator("#event-list .event a", has_text="evidence").first.click()
    page.wait_for_selector("#view[data-ready='event']")
    assert page.locator("#evidence mark.trigger").count() == 1
    article_row = page.locator("tr", has=page.locator("th", has_text="article")).locator("td").inner_text()
    assert re.fullmatch(r"Report \w+ · \w+ · \d{4}-\d{2}-\d{2}", article_row), article_row  # title · source · date
    page.screenshot(path=str(shots / "evidence.png"), full_page=True)


def test_context_facet_filters_and_cards_show_contexts(page, live_url: str, shots: Path):  # type: ignore[no-untyped-def]
    _open(page, f"{live_url}/#/events", "events")
    facet = page.locator("#context-facet a")
    labels = facet.all_inner_texts()
    assert labels[0] == "any" and any(re.fullmatch(r"military \(\d+\)", t) for t in labels), labels
    facet.filter(has_text="military").first.click()
    # The new render's own form says military: the old view's ready flag can still be up when the hash changes.
    page.wait_for_function("() => location.hash.includes('context=military') && document.querySelector('#view').dataset.ready === 'events'"
                           " && document.querySelector('select[name=context]')?.value === 'military'")
    shown = page.locator("#event-list .event .contexts").all_inner_texts()
    assert shown and all("military" in t.split(", ") for t in shown)
    assert page.locator("select[name=context]").input_value() == "military"
    page.screenshot(path=str(shots / "contexts.png"), full_page=True)
    page.locator("#event-list .event a", has_text="evidence").first.click()
    page.wait_for_selector("#view[data-ready='event']")
    row = page.locator("tr", has=page.locator("th", has_text="context")).locator("td").inner_text()
    assert "military" in row


def test_dyad_series_chart(page, live_url: str, shots: Path):  # type: ignore[no-untyped-def]
    _open(page, f"{live_url}/#/dyad/RUS/CHN?freq=month", "dyad")
    chart = page.locator("#series-chart svg.series")
    assert chart.count() == 1
    assert chart.locator("rect.bar").count() > 3
    assert chart.locator("polyline.goldstein").count() == 1
    assert page.locator(".story").count() >= 1
    assert "1 articles" not in page.locator("#view").inner_text()  # counts are pluralised
    ticks = [t for t in chart.locator("text").all_text_contents() if re.fullmatch(r"-?[\d.]+", t)]
    assert "0" in ticks and not any("." in t for t in ticks)  # whole-number event ticks
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)


def test_map_draws_countries_and_places(page, live_url: str, shots: Path):  # type: ignore[no-untyped-def]
    _open(page, f"{live_url}/#/map", "map")
    svg = page.locator("#world-map svg.map")
    assert svg.locator("path.land").count() > 150
    assert svg.locator("circle.place").count() == 6  # five towns and Ukraine as a country
    box = svg.locator("path.land[data-iso='UKR']").bounding_box()
    assert box is not None and box["width"] > 5
    page.screenshot(path=str(shots / "map.png"), full_page=True)
    # "without countries" asks /places for finer resolutions only: the country-level place leaves map and table.
    assert "Ukraine" in page.locator("#view table").inner_text()
    page.check("input[name=fine]")
    before = page.locator("#world-map").element_handle()
    page.click("form.filters button")
    # The hash changes at once but the view is redrawn on hashchange: wait for the old map to go, then the new view.
    page.wait_for_function("(old) => !old.isConnected && location.hash.includes('fine=1')"
                           " && document.querySelector('#view').dataset.ready === 'map'"
                           " && document.querySelector('input[name=fine]')?.checked", arg=before)
    assert page.locator("#world-map circle.place").count() == 5
    assert "Ukraine" not in page.locator("#view table").inner_text()
    assert "finer than a country" in page.locator("#view .chart-tip").inner_text()
    page.screenshot(path=str(shots / "map_fine.png"), full_page=True)
    _open(page, f"{live_url}/#/map?quad=4", "map")
    assert page.locator("#world-map circle.place").count() >= 2


def test_actor_page(page, live_url: str, shots: Path):  # type: ignore[no-untyped-def]
    _open(page, f"{live_url}/#/actor/RUS", "actor")
    assert "Actor RUS" in page.locator("h1").inner_text()
    assert page.locator("blockquote").count() >= 1
    assert "Russell" not in page.locator("#view").inner_text()  # quotes by code, not by a name like 'Rus…'
    assert page.locator(".event").count() >= 1
    page.screenshot(path=str(shots / "actor.png"), full_page=True)


def test_each_event_links_to_its_article_page(page, live_url: str, shots: Path):  # type: ignore[no-untyped-def]
    _open(page, f"{live_url}/#/events?actor=RUS&type=ASSAULT&since=2023-02-24&until=2023-02-24", "events")
    card = page.locator("#event-list .event", has_text="Kharkiv")
    assert card.count() == 1
    assert card.locator("a.source-link").get_attribute("href") == "https://news.example.org/a4"
    card.locator("a.article-link").click()
    page.wait_for_selector("#view[data-ready='article']")
    assert page.locator("h1").inner_text() == "Report a4"
    assert page.locator("#article-url").get_attribute("href") == "https://news.example.org/a4"
    assert page.locator("#article-events .event").count() == 1
    assert page.locator("#article-text mark.trigger").inner_text() == "shelled"
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    # An article with several events and a quote shows them all; the evidence page links back.
    _open(page, f"{live_url}/#/article/a1", "article")
    assert page.locator("#article-events .event").count() == 2
    assert page.locator("#article-quotes blockquote").inner_text().startswith("“Our ties are strong”")
    assert page.locator("#article-url").count() == 0 and "(no URL)" in page.locator("#view .meta").first.inner_text()
    page.locator("#article-events .event a", has_text="evidence").first.click()
    page.wait_for_selector("#view[data-ready='event']")
    page.locator("tr", has=page.locator("th", has_text="article")).locator("a").first.click()
    page.wait_for_selector("#view[data-ready='article']")
    assert page.locator("h1").inner_text() == "Report a1"
