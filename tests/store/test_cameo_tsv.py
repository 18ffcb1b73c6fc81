"""CAMEO TSV rows stay aligned to GDELT's 61 columns whatever is missing (issue #16)."""

from __future__ import annotations

import dataclasses
import io
import typing

import pytest
from store_samples import make_coded

from dyad.records import Entity, Event, Place
from dyad.store.cameo_tsv import GDELT_COLUMNS, ArticleMeta, gdelt_quad_class, gdelt_row, write_cameo_tsv

META = ArticleMeta(url="https://news.example.org/a", coded_at="2023-02-22T10:00:00+00:00", lead_end=40)


def _full_event() -> Event:
    """An event with every field set: a placed arrest with an actor and a recipient."""
    consult, arrest = make_coded(1).events[:2]
    return dataclasses.replace(arrest, recipient=consult.recipient, reported_by=consult.reported_by, context=("human_rights",))


def _empty(hint: typing.Any) -> typing.Any:
    """The empty value a field of type ``hint`` can take, or a sentinel when it has none."""
    text = str(hint)
    if "None" in text:
        return None
    if text.startswith("tuple"):
        return ()
    if hint is str:
        return ""
    return _NO_EMPTY


_NO_EMPTY = object()


def _emptied_variants() -> list[tuple[str, Event]]:
    """The full event with one field emptied at a time: its own fields, then its actor's,
    recipient's and place's (nested records are emptied field by field)."""
    base = _full_event()
    out = []
    for name, hint in typing.get_type_hints(Event).items():
        value = _empty(hint)
        if value is not _NO_EMPTY and name != "id":
            out.append((name, dataclasses.replace(base, **{name: value})))
    for role in ("actor", "recipient"):
        ent = getattr(base, role)[0]
        for name, hint in typing.get_type_hints(Entity).items():
            value = _empty(hint)
            if value is not _NO_EMPTY:
                out.append((f"{role}.{name}", dataclasses.replace(base, **{role: (dataclasses.replace(ent, **{name: value}),)})))
    assert base.event_loc is not None
    for name, hint in typing.get_type_hints(Place).items():
        value = _empty(hint)
        if value is not _NO_EMPTY:
            out.append((f"event_loc.{name}", dataclasses.replace(base, event_loc=dataclasses.replace(base.event_loc, **{name: value}))))
    return out


VARIANTS = _emptied_variants()


@pytest.mark.parametrize("meta", [META, None], ids=["with-article", "no-article"])
def test_every_row_has_61_cells_whatever_is_empty(meta):
    names = [name for name, _ in VARIANTS]
    assert {"actor", "recipient", "actor.sector", "recipient.sector", "cameo", "event_loc", "goldstein"} <= set(names)
    out = io.StringIO()
    write_cameo_tsv((e for _, e in VARIANTS), out, lambda _id: meta, header=True)
    header, *rows = out.getvalue().split("\n")[:-1]
    assert header.split("\t") == list(GDELT_COLUMNS)
    for (name, event), line in zip(VARIANTS, rows, strict=True):
        cells = dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))  # strict: exactly 61
        assert cells["QuadClass"] in {"", "1", "2", "3", "4"}, name
        assert cells["GoldsteinScale"] == ("" if event.goldstein is None else str(event.goldstein)), name
        assert cells["EventCode"] == (event.cameo or ""), name
        assert cells["NumMentions"] == "1" and cells["SOURCEURL"], name


def test_an_actor_without_a_sector_keeps_the_columns_in_place():
    """The issue's case: no sector used to drop a cell, so QuadClass held the Goldstein score."""
    e = _full_event()
    e = dataclasses.replace(e, actor=(dataclasses.replace(e.actor[0], sector=None),), recipient=(Entity("Kazan", "Kazan", "RUS"),))
    cells = dict(zip(GDELT_COLUMNS, gdelt_row(e, META), strict=True))
    assert (cells["Actor1Code"], cells["Actor1Type1Code"], cells["Actor2Code"], cells["Actor2Type1Code"]) == ("", "", "RUS", "")
    assert (cells["QuadClass"], cells["GoldsteinScale"]) == ("4", "-5.0")


def test_the_unknown_actor_leaves_gdelt_cells_blank_and_in_place():
    """An agentless event's actor (sector UNK) has no CAMEO code: GDELT leaves it blank; a country it took stays."""
    e = _full_event()
    unknown = Entity.unknown("no actor named (agentless)")
    placed = dataclasses.replace(Entity.unknown("no actor named (agentless)"), code="UKR")
    e = dataclasses.replace(e, actor=(unknown,), recipient=(placed,))
    cells = dict(zip(GDELT_COLUMNS, gdelt_row(e, META), strict=True))
    assert (cells["Actor1Code"], cells["Actor1Type1Code"], cells["Actor2Code"], cells["Actor2Type1Code"]) == ("", "", "UKR", "")
    assert (cells["Actor2CountryCode"], cells["QuadClass"], cells["GoldsteinScale"]) == ("UKR", "4", "-5.0")


@pytest.mark.parametrize(
    "cameo,quad",
    [("010", 1), ("020", 1), ("0231", 1), ("042", 1), ("057", 1), ("061", 2), ("0874", 2), ("090", 3), ("1123", 3),
     ("138", 3), ("140", 4), ("160", 4), ("173", 4), ("195", 4), ("204", 4), (None, None), ("", None), ("xx", None)],
)  # fmt: skip
def test_quad_class_follows_the_cameo_root_as_gdelt_does(cameo, quad):
    assert gdelt_quad_class(cameo) == quad


def test_an_appeal_is_verbal_cooperation_in_the_tsv_whatever_plover_says():
    e = dataclasses.replace(_full_event(), event="REQUEST", mode=None, cameo="020", goldstein=3.0, quad_code=3)
    cells = dict(zip(GDELT_COLUMNS, gdelt_row(e, META), strict=True))
    assert (cells["EventRootCode"], cells["QuadClass"], cells["GoldsteinScale"]) == ("02", "1", "3.0")
    no_cameo = dict(zip(GDELT_COLUMNS, gdelt_row(dataclasses.replace(e, cameo=None), META), strict=True))
    assert no_cameo["QuadClass"] == "3"  # without a CAMEO code, PLOVER's quad class


def test_source_url_falls_back_to_a_citation():
    e = dataclasses.replace(_full_event(), url=None, source="Example Wire")
    cells = dict(zip(GDELT_COLUMNS, gdelt_row(e, ArticleMeta(None, None, 0)), strict=True))
    assert cells["SOURCEURL"] == f"Example Wire {e.article_id}"
    cells = dict(zip(GDELT_COLUMNS, gdelt_row(dataclasses.replace(e, url="https://x.org/1"), None), strict=True))
    assert cells["SOURCEURL"] == "https://x.org/1"
