"""Build static/world.geojson, the UI's offline world map, from a Natural Earth shapefile.

The geometry is Natural Earth's 1:110m admin-0 countries (public domain), as
shipped inside the geopandas 0.14 wheel (``geopandas/datasets/naturalearth_lowres``);
we do not depend on geopandas, we read its shapefile once with the small
reader below and commit the result::

    pip download geopandas==0.14.4 --no-deps -d /tmp/ne && unzip -q /tmp/ne/*.whl -d /tmp/ne
    python -m dyad.web.build_map /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres

Coordinates are rounded to 0.1 degree and repeated points dropped, which keeps
the file small and is finer than a country-scale map can show.
"""

from __future__ import annotations

import json
import struct
import sys
from importlib import resources
from pathlib import Path

POLYGON = 5
PRECISION = 1  # decimal places kept


def read_dbf(path: Path) -> list[dict[str, str]]:
    """The records of a dBASE III table, all fields as stripped strings."""
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    out = []
    for i in range(n_records):
        rec = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        pos, row = 1, {}  # byte 0 is the deletion flag
        for name, size in fields:
            row[name] = rec[pos : pos + size].decode("utf-8", "replace").strip()
            pos += size
        out.append(row)
    return out


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings as (lon, lat) lists (ESRI polygon shapes only)."""
    data = path.read_bytes()
    pos = 100
    shapes: list[list[list[tuple[float, float]]]] = []
    while pos < len(data):
        _, content_len = struct.unpack(">II", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + content_len * 2]
        pos += 8 + content_len * 2
        (kind,) = struct.unpack("<i", body[:4])
        if kind != POLYGON:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44 : 44 + 4 * n_parts]))
        pts_at = 44 + 4 * n_parts
        points = [struct.unpack("<dd", body[pts_at + 16 * i : pts_at + 16 * (i + 1)]) for i in range(n_points)]
        bounds = [*parts, n_points]
        shapes.append([points[bounds[i] : bounds[i + 1]] for i in range(n_parts)])
    return shapes


def _simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        p = [round(lon, PRECISION), round(lat, PRECISION)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def build_geojson(stem: Path) -> dict[str, object]:
    """A FeatureCollection of countries with ``iso_a3`` and ``name`` properties."""
    rows = read_dbf(stem.with_suffix(".dbf"))
    shapes = read_polygons(stem.with_suffix(".shp"))
    features = []
    for row, rings in zip(rows, shapes, strict=True):
        simple = [r for r in (_simplify(r) for r in rings) if len(r) >= 4]
        if not simple:
            continue
        features.append({
            "type": "Feature",
            "properties": {"iso_a3": row.get("iso_a3", ""), "name": row.get("name", "")},
            # Rings are drawn with the even-odd rule in the UI, so holes need no grouping.
            "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in simple]},
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(str(resources.files("dyad.web") / "static" / "world.geojson"))
    target.write_text(json.dumps(build_geojson(Path(argv[0])), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
