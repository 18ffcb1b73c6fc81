"""Derive ``data/cameo_plover.csv`` from the CAMEO→PLOVER conversion table.

The source is Schrodt's ``CAMEO2PLOVER-2021.txt`` (PLOVER draft 0.8). PLOVER 2.0
folded some of that draft's types; the folds are applied here so the committed
CSV speaks PLOVER 2.0:

* DEMAND → REQUEST (the table already says REQUEST for CAMEO 10);
* DISAPPROVE → ACCUSE/disapprove, INVESTIGATE → ACCUSE/investigate;
* FIGHT → ASSAULT;
* CAMEO 02 APPEAL is not in the 2021 table; PLOVER 2.0's REQUEST covers
  appeals as well as demands, so 02x → REQUEST (marked ``fold:appeal``);
* CAMEO 01 (public statements) has no PLOVER type and is left empty;
* modes follow the PLOVER 2.0 manual's tables (``MODE_FOLDS``, ``CODE_FOLDS``):
  assassinations, massacres and ethnic cleansing are ASSAULT 'targeted', mass
  expulsion is COERCE 'deport', international sanctions are SANCTION
  'discontinue', resignations RETREAT 'resign', an eased curfew CONCEDE, a conviction SANCTION
  'convict'; a mode the manual no longer has is dropped, and a context
  name written in the mode column moves to the context column.

A code the table skips inherits its nearest listed parent (marked ``parent``).
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass
from pathlib import Path

TYPE_FOLDS: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
# The 2021 table notes that "ease" is no longer a mode.
RETIRED_MODES = {"ease"}
# (type, draft mode) → the PLOVER 2.0 manual's mode ("" = none).
MODE_FOLDS: dict[tuple[str, str], str] = {
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "cleansing"): "targeted",
    ("ASSAULT", "seize"): "destroy",  # 1712 destroy property
    ("ASSAULT", "pro_autocracy"): "crowd-control",  # 175 violent repression
    ("COERCE", "ban"): "restrict",  # the manual's restrict covers bans from political life
    ("THREATEN", "ban"): "restrict",
}
# CAMEO code → (type, mode) where the manual moves the code to another type.
CODE_FOLDS: dict[str, tuple[str, str]] = {
    "163": ("SANCTION", "discontinue"),  # international sanctions
    "201": ("COERCE", "deport"),  # mass expulsion
    "195": ("ASSAULT", "aerial"),  # aerial weapons: the manual's own mode
    "0831": ("RETREAT", "resign"),  # a change in leadership conceded is an official resignation
    "0813": ("CONCEDE", ""),  # the manual's CONCEDE: "removing curfews" (the 2021 table says RETREAT)
    "116": ("SANCTION", "convict"),  # the manual's SANCTION 'convict': found guilty or liable (the 2021 table: ACCUSE)
}
LINE_RE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    cameo: str
    name: str
    plover: str
    mode: str
    context: str
    source: str


def read_cameo_names(path: Path) -> dict[str, str]:
    """CAMEO code → name from the ``code<TAB>description<TAB>goldstein`` table."""
    names: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names[row["code"]] = row["description"]
    return names


def parse_table(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code → (type, mode, context) from the 2021 conversion table."""
    out: dict[str, tuple[str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE_RE.match(raw.strip())
        if not m:
            continue
        code, body = m.group(1), m.group(2)
        parts = [p.strip() for p in body.split(",")]
        if len(parts) == 1:  # a cue-category header such as "03: AGREE"
            parts += ["", ""]
        ptype, mode, context = (parts + ["", ""])[:3]
        ptype = ptype.upper()
        mode = "" if mode in RETIRED_MODES else mode.replace(" ", "")
        if ptype in TYPE_FOLDS:
            ptype, fold_mode = TYPE_FOLDS[ptype]
            mode = mode or (fold_mode or "")
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        mode = MODE_FOLDS.get((ptype, mode), mode)
        if code in CODE_FOLDS:
            ptype, mode = CODE_FOLDS[code]
        out.setdefault(code, (ptype, mode, context))  # first line wins (175 is listed twice)
    return out


def manual_modes(table: dict[str, tuple[str, str, str]], modes: dict[str, frozenset[str]], contexts: frozenset[str]) -> dict[str, tuple[str, str, str]]:
    """Keep only the modes the manual gives each type; a context name in the mode column moves to the context."""
    out = {}
    for code, (ptype, mode, context) in table.items():
        if mode and mode not in modes.get(ptype, frozenset()):
            if mode in contexts and mode not in context.split(";"):
                context = ";".join(c for c in (mode, context) if c)
            mode = ""
        out[code] = (ptype, mode, context)
    return out


def build_rows(table: dict[str, tuple[str, str, str]], names: dict[str, str]) -> list[CrosswalkRow]:
    rows: list[CrosswalkRow] = []
    for code in sorted(names, key=lambda c: (c[:2], c)):
        if code in table:
            ptype, mode, context = table[code]
            rows.append(CrosswalkRow(code, names[code], ptype, mode, context, "CAMEO2PLOVER-2021"))
        elif code.startswith("01"):
            rows.append(CrosswalkRow(code, names[code], "", "", "", "none:statement"))
        elif code.startswith("02"):
            rows.append(CrosswalkRow(code, names[code], "REQUEST", "", "", "fold:appeal"))
        else:
            parent = next((code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in table), None)
            if parent is None:
                raise ValueError(f"CAMEO {code} has no PLOVER mapping and no mapped parent")
            ptype, mode, context = table[parent]
            rows.append(CrosswalkRow(code, names[code], ptype, mode, context, f"parent:{parent}"))
    return rows


def write_rows(rows: list[CrosswalkRow], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["cameo", "name", "plover", "mode", "context", "source"])
        for r in rows:
            w.writerow([r.cameo, r.name, r.plover, r.mode, r.context, r.source])


def main() -> None:
    here = Path(__file__).parent / "data"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("table", type=Path, help="CAMEO2PLOVER-2021.txt")
    ap.add_argument("--names", type=Path, default=here / "cameo.tsv")
    ap.add_argument("--out", type=Path, default=here / "cameo_plover.csv")
    args = ap.parse_args()
    from dyad.coding.ontology import load_ontology

    onto = load_ontology()
    modes = {name: frozenset(t.modes) for name, t in onto.types.items()}
    parsed = parse_table(args.table)
    # The table's own context column names the contexts a stray mode may be.
    contexts = frozenset(c for _t, _m, ctx in parsed.values() for c in ctx.split(";") if c)
    table = manual_modes(parsed, modes, contexts)
    rows = build_rows(table, read_cameo_names(args.names))
    write_rows(rows, args.out)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
