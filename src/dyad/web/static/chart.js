// dyad's charts, drawn as SVG by hand (no library, no CDN).
// DyadCharts.series(periods) -> <svg> stacked bars per quad class + Goldstein-sum line.
// DyadCharts.worldMap(geojson, places) -> <svg> equirectangular world with event circles.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const QUADS = [
    ["verbal_cooperation", "#7bbf5a", "verbal cooperation"],
    ["material_cooperation", "#2f8a4f", "material cooperation"],
    ["verbal_conflict", "#f0a030", "verbal conflict"],
    ["material_conflict", "#c8352a", "material conflict"],
  ];

  function el(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  // The smallest of 1, 2, 2.5 (from 10 up), 5 times a power of ten that is >= v, and at least 1:
  // event counts get whole-number ticks.
  function niceStep(v) {
    if (v <= 1) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v && Number.isInteger(m * p)) return m * p;
    return 10 * p;
  }

  function series(periods, opts) {
    const W = (opts && opts.width) || 1000, H = 360, L = 48, R = 52, T = 28, B = 46;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "series", role: "img" });
    svg.appendChild(el("title", {}, "Events per period by quad class, and the Goldstein sum"));
    const n = periods.length;
    if (!n) {
      svg.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#667085" }, "no events for this dyad"));
      return svg;
    }
    const maxCount = 4 * niceStep(Math.max(...periods.map((p) => p.n_events)) / 4);
    const gAbs = niceMax(Math.max(1, ...periods.map((p) => Math.abs(p.goldstein_sum))));
    const plotW = W - L - R, plotH = H - T - B;
    const bw = plotW / n;
    const y = (v) => T + plotH - (v / maxCount) * plotH;
    const yg = (v) => T + plotH / 2 - (v / gAbs) * (plotH / 2);
    // Axes and grid.
    for (let i = 0; i <= 4; i++) {
      const v = (maxCount * i) / 4;
      svg.appendChild(el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eef0f4" }));
      svg.appendChild(el("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11, fill: "#667085" }, String(v)));
      const g = -gAbs + (2 * gAbs * i) / 4;
      svg.appendChild(el("text", { x: W - R + 6, y: yg(g) + 4, "font-size": 11, fill: "#333" }, String(Math.round(g))));
    }
    svg.appendChild(el("text", { x: 12, y: T - 10, "font-size": 11, fill: "#667085" }, "events"));
    svg.appendChild(el("text", { x: W - 4, y: T - 10, "text-anchor": "end", "font-size": 11, fill: "#333" }, "Goldstein sum"));
    // Stacked bars.
    periods.forEach((p, i) => {
      let base = 0;
      const x = L + i * bw + bw * 0.1;
      for (const [key, colour, label] of QUADS) {
        const v = (p.quads && p.quads[key]) || 0;
        if (!v) continue;
        const rect = el("rect", { x, y: y(base + v), width: Math.max(2, bw * 0.8), height: y(base) - y(base + v), fill: colour, class: "bar" });
        rect.appendChild(el("title", {}, `${p.period}: ${v} ${label}`));
        svg.appendChild(rect);
        base += v;
      }
    });
    // Goldstein line.
    const pts = periods.map((p, i) => `${L + i * bw + bw / 2},${yg(p.goldstein_sum)}`).join(" ");
    svg.appendChild(el("line", { x1: L, x2: W - R, y1: yg(0), y2: yg(0), stroke: "#999", "stroke-dasharray": "3 3" }));
    svg.appendChild(el("polyline", { points: pts, fill: "none", stroke: "#222", "stroke-width": 1.5, class: "goldstein" }));
    // Period labels, thinned to about twelve.
    const every = Math.max(1, Math.ceil(n / 12));
    periods.forEach((p, i) => {
      if (i % every) return;
      svg.appendChild(el("text", { x: L + i * bw + bw / 2, y: H - B + 16, "text-anchor": "middle", "font-size": 10, fill: "#667085" }, p.period));
    });
    // Legend.
    QUADS.forEach(([, colour, label], i) => {
      svg.appendChild(el("rect", { x: L + i * 170, y: H - 18, width: 10, height: 10, fill: colour }));
      svg.appendChild(el("text", { x: L + i * 170 + 14, y: H - 9, "font-size": 11 }, label));
    });
    return svg;
  }

  function worldMap(geojson, places, onClick) {
    const W = 1000, H = 500;
    const px = (lon) => ((lon + 180) / 360) * W;
    const py = (lat) => ((90 - lat) / 180) * H;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "map", role: "img" });
    svg.appendChild(el("title", {}, "Event places"));
    svg.appendChild(el("rect", { x: 0, y: 0, width: W, height: H, fill: "#f2f6fb" }));
    for (const f of geojson.features) {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      let d = "";
      for (const poly of polys) for (const ring of poly) {
        d += ring.map(([lon, lat], i) => `${i ? "L" : "M"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join("") + "Z";
      }
      const path = el("path", { d, class: "land", "data-iso": f.properties.iso_a3 });
      path.appendChild(el("title", {}, f.properties.name));
      svg.appendChild(path);
    }
    const maxN = Math.max(1, ...places.map((p) => p.events));
    for (const p of places) {
      const r = 2.5 + 9 * Math.sqrt(p.events / maxN);
      const c = el("circle", { cx: px(p.lon).toFixed(1), cy: py(p.lat).toFixed(1), r: r.toFixed(1), class: "place" });
      c.appendChild(el("title", {}, `${p.place}: ${p.events} events${p.dead ? ", " + p.dead + " dead" : ""}`));
      if (onClick) c.addEventListener("click", () => onClick(p));
      svg.appendChild(c);
    }
    return svg;
  }

  window.DyadCharts = { series, worldMap, QUADS };
})();
