// dyad web UI: a hash-routed single page over the JSON API. Everything the
// data says is inserted as text nodes, never as HTML.
(function () {
  "use strict";
  const view = document.getElementById("view");
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const PRIORITY = ["trigger", "actor", "recipient", "place", "count", "date", "reported_by"];
  const PAGE = 25;
  const FINE_RESOLUTIONS = ["admin1", "admin2", "populated_place", "point"];  // places finer than a country or a region

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  async function api(path, params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));  // a repeatable parameter (?resolution=a&resolution=b)
      else if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
    }
    const resp = await fetch(path + (qs.toString() ? "?" + qs : ""));
    const body = await resp.json();
    if (!resp.ok) throw new Error(body.error ? `${body.error.status} ${body.error.code}: ${body.error.message}` : resp.statusText);
    return body;
  }

  // Text with [start, end) spans wrapped in <mark class=kind>; overlaps keep the higher-priority span.
  function highlight(text, spans) {
    const chosen = [];
    const sorted = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
      .sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
    for (const s of sorted) if (!chosen.some((c) => s.start < c.end && c.start < s.end)) chosen.push(s);
    chosen.sort((a, b) => a.start - b.start);
    const out = [];
    let pos = 0;
    for (const s of chosen) {
      out.push(text.slice(pos, s.start));
      out.push(h("mark", { class: s.kind, title: s.kind }, text.slice(s.start, s.end)));
      pos = s.end;
    }
    out.push(text.slice(pos));
    return out;
  }

  // Spans of an event record relative to its sentence.
  function recordSpans(e) {
    const base = e.offsets.sentence_start, spans = [];
    const add = (kind, off) => { if (off) spans.push({ kind, start: off[0] - base, end: off[1] - base }); };
    add("trigger", [e.offsets.trigger_start, e.offsets.trigger_end]);
    e.actor.forEach((a) => add("actor", a.offsets));
    e.recipient.forEach((a) => add("recipient", a.offsets));
    if (e.event_loc) add("place", e.event_loc.offsets);
    add("date", e.date_offsets);
    (e.counts || []).forEach((c) => { if (c.start !== null) add("count", [c.start, c.end]); });
    return spans;
  }

  const who = (ents) => ents.map((a) => [a.code, a.sector].filter(Boolean).join(" ") || a.entity_text).join("; ") || "—";
  const actorLink = (code) => code ? h("a", { href: `#/actor/${encodeURIComponent(code)}` }, code) : "—";
  const legend = () => h("p", { class: "legend meta" }, ["actor", "recipient", "trigger", "place", "date", "count", "reported_by"].map((k) => h("mark", { class: k }, k.replace("_", " "))));
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  // The article an event was reported in: its page here, and the original when it has a URL.
  function articleLinks(e) {
    return h("span", { class: "article-links" },
      h("a", { href: `#/article/${encodeURIComponent(e.article_id)}`, class: "article-link" }, "article"),
      e.url ? [" · ", h("a", { href: e.url, class: "source-link", rel: "noopener noreferrer", target: "_blank" }, e.source || "source")] : null);
  }

  function eventCard(e) {
    const place = e.event_loc ? (e.event_loc.resolved_place || e.event_loc.extracted_place) : null;
    return h("div", { class: "card event", "data-id": e.id },
      h("div", { class: "meta" },
        h("span", { class: `badge q${e.quad_code || 0}` }, e.event + (e.mode ? ` / ${e.mode}` : "")),
        h("span", {}, e.date, e.date_precision !== "day" ? ` (${e.date_precision})` : ""),
        h("span", {}, who(e.actor), " → ", who(e.recipient)),
        place ? h("span", {}, "at ", place) : null,
        e.cameo ? h("span", {}, "CAMEO ", e.cameo) : null,
        e.context && e.context.length ? h("span", { class: "contexts", title: "PLOVER contexts" }, e.context.join(", ")) : null,
        e.aggregate ? h("span", { class: "badge aggregate", title: "a tally over a month or more: left out of counts and maps" }, "aggregate") : null,
        h("a", { href: `#/event/${encodeURIComponent(e.id)}` }, "evidence"),
        articleLinks(e)),
      h("p", { class: "sentence" }, highlight(e.text, recordSpans(e))));
  }

  function filterForm(params, fields, onSubmit) {
    const inputs = {};
    const value = (i) => (i.type === "checkbox" ? (i.checked ? "1" : "") : i.value.trim());
    const form = h("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); onSubmit(Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, value(i)]))); } },
      fields.map(([name, label, type, options]) => {
        const input = options
          ? h("select", { name }, options.map((o) => h("option", { value: o, selected: params[name] === o }, o || "any")))
          : type === "checkbox"
            ? h("input", { name, type, checked: Boolean(params[name]) })
            : h("input", { name, type: type || "text", value: params[name] || "", size: 10 });
        inputs[name] = input;
        return h("label", {}, label, input);
      }),
      h("button", { type: "submit" }, "Apply"));
    return form;
  }

  function pager(total, params, route) {
    const offset = Number(params.offset || 0);
    const go = (o) => { location.hash = route + "?" + new URLSearchParams({ ...params, offset: String(o) }); };
    return h("div", { class: "pager" },
      h("button", { type: "button", disabled: offset <= 0, onclick: () => go(Math.max(0, offset - PAGE)) }, "‹ prev"),
      h("span", { class: "meta" }, total === 0 ? "no results" : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`),
      h("button", { type: "button", disabled: offset + PAGE >= total, onclick: () => go(offset + PAGE) }, "next ›"));
  }

  // The context facet: each context with its number of events under the other filters; a click selects it.
  function contextFacet(items, params, route) {
    const link = (name, label) => h("a", { href: route + "?" + new URLSearchParams(Object.entries({ ...params, context: name, offset: "" }).filter(([, v]) => v)),
      class: (params.context || "") === name ? "active" : null }, label);
    return h("div", { class: "facet meta", id: "context-facet" }, "context: ", link("", "any"),
      items.flatMap((i) => [" · ", link(i.context, `${i.context} (${i.events})`)]));
  }

  async function eventsView(params) {
    const route = "#/events";
    const submit = (p) => { location.hash = route + "?" + new URLSearchParams(Object.entries(p).filter(([, v]) => v)); };
    const others = { actor: params.actor, recipient: params.recipient, type: params.type, since: params.since, until: params.until };
    const [data, facet] = await Promise.all([api("/events", { ...params, limit: PAGE }), api("/contexts", others)]);
    const names = [...new Set([...facet.items.map((i) => i.context), params.context].filter(Boolean))];
    const form = filterForm(params, [["actor", "actor"], ["recipient", "recipient"], ["type", "type"], ["context", "context", null, ["", ...names]],
      ["since", "since", "date"], ["until", "until", "date"],
      ["date_precision", "dated to", null, ["", "day", "week", "month", "season", "year", "article"]],
      ["aggregate", "aggregates", null, ["", "false", "true"]],
      ["sort", "sort", null, ["-date", "date", "-confidence", "goldstein", "-goldstein"]]], submit);
    return [h("h1", {}, "Events"), form, contextFacet(facet.items, params, route), legend(), pager(data.total, params, route),
      h("div", { id: "event-list" }, data.items.map(eventCard)), pager(data.total, params, route)];
  }

  async function eventView(id) {
    const data = await api(`/events/${encodeURIComponent(id)}`);
    const e = data.event, ev = data.evidence;
    const sent = ev.spans.find((s) => s.kind === "sentence");
    const spans = ev.spans.filter((s) => s.kind !== "sentence");
    // The sentence is shaded; the marks inside it come from the record's offsets.
    const before = sent ? ev.text.slice(0, sent.start) : "", after = sent ? ev.text.slice(sent.end) : "";
    const inner = sent ? highlight(ev.text.slice(sent.start, sent.end), spans.map((s) => ({ ...s, start: s.start - sent.start, end: s.end - sent.start }))) : highlight(ev.text, spans);
    const rows = [["type", `${e.event}${e.mode ? " / " + e.mode : ""} (CAMEO ${e.cameo || "—"}, quad ${QUAD_NAMES[e.quad_code] || "—"}, Goldstein ${e.goldstein ?? "—"})`],
      ["actor", who(e.actor)], ["recipient", who(e.recipient)], ["date", `${e.date} (${e.date_precision}${e.date_text ? ': "' + e.date_text + '"' : ""})`],
      ["place", e.event_loc ? `${e.event_loc.resolved_place || e.event_loc.extracted_place} (${e.event_loc.country_code || "?"}, ${e.event_loc.rule || ""})` : "—"],
      ["context", (e.context_evidence || []).map((t) => `${t.name} (${t.level}: “${t.text}”, ${t.source})`).concat((e.context || []).filter((c) => !(e.context_evidence || []).some((t) => t.name === c))).join("; ") || "—"],
      ["rule", `${e.rule} (confidence ${e.confidence})`],
      ["article", [h("a", { href: `#/article/${encodeURIComponent(e.article_id)}` }, [ev.article.title || ev.article.id, ev.article.source, ev.article.date].filter(Boolean).join(" · ")),
        (e.url || ev.article.url) ? [" · ", h("a", { href: e.url || ev.article.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null]]];
    return [h("h1", {}, `${e.event}: ${who(e.actor)} → ${who(e.recipient)}`),
      h("table", {}, rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v)))),
      data.story_id ? h("p", {}, h("a", { href: `#/story/${encodeURIComponent(data.story_id)}` }, "the story this report belongs to")) : null,
      h("h2", {}, "Evidence"), legend(),
      h("div", { class: "evidence", id: "evidence" }, ev.offset > 0 ? "… " : "", before, h("span", { class: "sentence-span" }, inner), after),
      data.quotes.length ? [h("h2", {}, "Quotes"), data.quotes.map((q) => h("blockquote", { class: "card" }, `“${q.text}” — ${q.speaker ? (q.speaker.entity_name || q.speaker.entity_text) : "?"}`))] : null];
  }

  async function articleView(id) {
    const a = await api(`/articles/${encodeURIComponent(id)}`);
    const spans = a.events.map((e) => ({ kind: "trigger", start: e.offsets.trigger_start, end: e.offsets.trigger_end }));
    return [h("h1", {}, a.title || a.id),
      h("p", { class: "meta" }, [a.source, a.date].filter(Boolean).join(" · "), " ",
        a.url ? h("a", { href: a.url, id: "article-url", rel: "noopener noreferrer", target: "_blank" }, a.url) : "(no URL)"),
      h("h2", {}, plural(a.events.length, "event")), h("div", { id: "article-events" }, a.events.map(eventCard)),
      h("h2", {}, plural(a.quotes.length, "quote")),
      h("div", { id: "article-quotes" }, a.quotes.map((q) => h("blockquote", { class: "card" }, `“${q.text}” — ${q.speaker ? (q.speaker.entity_name || q.speaker.entity_text) : "?"}`))),
      h("h2", {}, "Text"), h("div", { class: "evidence", id: "article-text" }, highlight(a.text, spans))];
  }

  function storyCard(s) {
    return h("div", { class: "card story" },
      h("div", { class: "meta" }, h("span", { class: `badge q${s.quad_code || 0}` }, s.event), h("span", {}, s.date_first, s.date_last !== s.date_first ? " – " + s.date_last : ""),
        h("span", {}, actorLink(s.actor_code), " → ", actorLink(s.recipient_code)), s.place ? h("span", {}, "at ", s.place) : null),
      h("div", {}, `${plural(s.n_mentions, "mention")} in ${plural(s.n_articles, "article")} from ${plural(s.n_sources, "source")} `, h("a", { href: `#/story/${encodeURIComponent(s.id)}` }, "reports")));
  }

  async function storiesView(params) {
    const route = "#/stories";
    const form = filterForm(params, [["actor", "actor"], ["recipient", "recipient"], ["type", "type"], ["since", "since", "date"], ["until", "until", "date"]],
      (p) => { location.hash = route + "?" + new URLSearchParams(Object.entries(p).filter(([, v]) => v)); });
    const data = await api("/stories", { ...params, limit: PAGE });
    return [h("h1", {}, "Stories (reports of one event, clustered)"), form, pager(data.total, params, route), data.items.map(storyCard)];
  }

  async function storyView(id) {
    const s = await api(`/stories/${encodeURIComponent(id)}`);
    return [h("h1", {}, `Story ${s.id}`), storyCard(s), h("h2", {}, "Reports"), legend(), s.events.map(eventCard)];
  }

  async function dyadView(a, b, params) {
    const freq = params.freq || "week", level = params.level || "event";
    const form = filterForm({ a, b, freq, level, directed: params.directed || "" }, [["a", "actor"], ["b", "recipient"], ["freq", "per", null, ["day", "week", "month"]],
      ["level", "level", null, ["event", "story"]], ["directed", "direction", null, ["", "directed"]]],
      (p) => { location.hash = `#/dyad/${encodeURIComponent(p.a.toUpperCase())}/${encodeURIComponent(p.b.toUpperCase())}?` + new URLSearchParams({ freq: p.freq, level: p.level, directed: p.directed }); });
    const data = await api("/series", { actor: a, recipient: b, freq, level, directed: params.directed ? "true" : "false" });
    const total = data.periods.reduce((n, p) => n + p.n_events, 0);
    const stories = await api("/stories", { actor: a, recipient: b, limit: 10 });
    return [h("h1", {}, `${a} ↔ ${b}`), form,
      h("p", { class: "chart-tip" }, `${level === "story" ? (total === 1 ? "1 story" : `${total} stories`) : plural(total, "event")} in ${plural(data.periods.length, freq)}; event types: ${data.types.join(", ") || "none"}`),
      h("div", { id: "series-chart" }, window.DyadCharts.series(data.periods)),
      h("h2", {}, "Most reported stories ", actorLink(a), " → ", actorLink(b)), stories.items.map(storyCard),
      h("p", {}, h("a", { href: `#/events?actor=${encodeURIComponent(a)}&recipient=${encodeURIComponent(b)}` }, "all events of this dyad"))];
  }

  let worldCache = null;
  async function mapView(params) {
    if (!worldCache) worldCache = await (await fetch("/static/world.geojson")).json();
    const form = filterForm(params, [["quad", "quad class", null, ["", "1", "2", "3", "4"]], ["actor", "actor"], ["type", "type"], ["since", "since", "date"], ["until", "until", "date"],
      ["fine", "without countries", "checkbox"]],
      (p) => { location.hash = "#/map?" + new URLSearchParams(Object.entries(p).filter(([, v]) => v)); });
    // "without countries": an event placed only in a country sits at its capital (or centre) and crowds the map there.
    const { fine, ...query } = params;
    const data = await api("/places", fine ? { ...query, resolution: FINE_RESOLUTIONS } : query);
    const list = h("table", {}, h("tr", {}, h("th", {}, "place"), h("th", {}, "country"), h("th", {}, "events"), h("th", {}, "dead")),
      data.items.slice(0, 15).map((p) => h("tr", {}, h("td", {}, p.place), h("td", {}, p.country || ""), h("td", {}, p.events), h("td", {}, p.dead || ""))));
    return [h("h1", {}, "Where events happen"), form, h("p", { class: "chart-tip" }, `${data.items.length} places${fine ? " finer than a country" : ""}; quad 4 (material conflict) shows where the fighting is`),
      h("div", { id: "world-map" }, window.DyadCharts.worldMap(worldCache, data.items)), h("h2", {}, "Busiest places"), list];
  }

  async function actorsView(params) {
    const data = await api("/actors", { q: params.q, limit: 200 });
    const form = filterForm(params, [["q", "code starts with"]], (p) => { location.hash = "#/actors?" + new URLSearchParams(p); });
    return [h("h1", {}, "Actors"), form, h("table", {}, h("tr", {}, ["code", "name", "as actor", "as recipient", "events"].map((c) => h("th", {}, c))),
      data.items.map((r) => h("tr", {}, h("td", {}, actorLink(r.code)), h("td", {}, r.name || ""), h("td", {}, r.as_actor), h("td", {}, r.as_recipient), h("td", {}, r.events))))];
  }

  async function actorView(code, params) {
    const [info, evs, quotes] = await Promise.all([api(`/actors/${encodeURIComponent(code)}`), api("/events", { actor: code, limit: PAGE, offset: params.offset }), api("/quotes", { code, limit: 20 })]);
    const partners = (rows, dir) => h("table", {}, rows.map((r) => h("tr", {}, h("td", {}, dir === "out" ? h("a", { href: `#/dyad/${encodeURIComponent(code)}/${encodeURIComponent(r.code)}` }, `${code} → ${r.code}`) : h("a", { href: `#/dyad/${encodeURIComponent(r.code)}/${encodeURIComponent(code)}` }, `${r.code} → ${code}`)), h("td", {}, plural(r.events, "event")), h("td", {}, `Goldstein ${r.goldstein_sum.toFixed(1)}`))));
    return [h("h1", {}, `Actor ${info.code}`, info.name ? ` — ${info.name}` : ""), h("p", { class: "meta" }, `${plural(info.as_actor, "event")} as actor, ${info.as_recipient} as recipient; types: `, info.types.map((t) => `${t.event} ${t.events}`).join(", ")),
      h("h2", {}, "Acts towards"), partners(info.targets, "out"), h("h2", {}, "Acted on by"), partners(info.sources, "in"),
      h("h2", {}, "Quotes"), quotes.items.length ? quotes.items.map((q) => h("blockquote", { class: "card" }, `“${q.text}”`, h("div", { class: "meta" }, q.speaker ? (q.speaker.entity_name || q.speaker.entity_text) : "", " · ", q.article_id))) : h("p", { class: "meta" }, "none"),
      h("h2", {}, "Events as actor"), legend(), pager(evs.total, params, `#/actor/${encodeURIComponent(code)}`), evs.items.map(eventCard)];
  }

  async function apiView() {
    const spec = await api("/openapi.json");
    return [h("h1", {}, `${spec.info.title} API ${spec.info.version}`), h("p", {}, "The machine-readable spec is at ", h("a", { href: "/openapi.json" }, "/openapi.json"), ". Errors always have the shape {\"error\": {\"status\", \"code\", \"message\"}}."),
      Object.entries(spec.paths).map(([path, ops]) => Object.entries(ops).map(([method, op]) => h("div", { class: "card" },
        h("div", {}, h("span", { class: "badge" }, method.toUpperCase()), " ", h("code", {}, path), " ", op.summary || ""),
        op.description ? h("p", { class: "meta" }, op.description) : null,
        (op.parameters || []).length ? h("div", { class: "meta" }, "parameters: ", op.parameters.map((p) => p.name + (p.required ? "*" : "")).join(", ")) : null)))];
  }

  async function route() {
    const [path, query] = (location.hash.slice(1) || "/events").split("?");
    const params = Object.fromEntries(new URLSearchParams(query || ""));
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.nav === parts[0] || (parts[0] === "actor" && a.dataset.nav === "actors") || (parts[0] === "story" && a.dataset.nav === "stories")));
    delete view.dataset.ready;
    view.replaceChildren(h("p", { class: "meta" }, "loading…"));
    try {
      let content;
      switch (parts[0]) {
        case "event": content = await eventView(parts[1]); break;
        case "article": content = await articleView(parts[1]); break;
        case "stories": content = await storiesView(params); break;
        case "story": content = await storyView(parts[1]); break;
        case "dyad": content = await dyadView(parts[1] || "RUS", parts[2] || "CHN", params); break;
        case "map": content = await mapView(params); break;
        case "actors": content = await actorsView(params); break;
        case "actor": content = await actorView(parts[1], params); break;
        case "api": content = await apiView(); break;
        default: content = await eventsView(params);
      }
      view.replaceChildren(...[content].flat(3).filter(Boolean));
      view.dataset.ready = parts[0] || "events";
    } catch (err) {
      view.replaceChildren(h("p", { class: "error" }, String(err.message || err)));
      view.dataset.ready = "error";
    }
  }

  window.addEventListener("hashchange", route);
  route();
})();
