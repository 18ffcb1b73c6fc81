"""`dyad --help` and usage errors import no heavy library: a test of imports, not of time
(bench/cli_startup.py measures the time against `python -c pass`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "thinc", "numpy", "pandas", "sqlalchemy", "fastapi", "starlette", "uvicorn", "dask", "trafilatura", "matplotlib")
# Run the real entry point, then list what was imported (the exit code is returned too).
PROBE = """
import json, sys
sys.argv = ["dyad", *json.loads(sys.argv[1])]
from dyad.cli.main import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def imported_by(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], {m.split(".")[0] for m in report["modules"]}


def test_importing_the_cli_imports_no_heavy_library():
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import dyad.cli.main"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "dyad" in imported
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["--help"], 0),
        ([], 2),  # no command: the help, as a usage error
        (["code", "--help"], 0),
        (["actors", "lookup", "--help"], 0),
        (["code"], 2),  # missing argument
        (["code", "x.txt", "--date", "yesterday"], 2),
        (["events", "--since", "yesterday"], 2),
        (["events", "--context", "warfare"], 2),  # not one of the manual's contexts
        (["series", "RUS", "UKR", "--context", "warfare"], 2),
        (["export", "--format", "xml", "--output", "x"], 2),
        (["export", "--output", "x", "--until", "later"], 2),
        (["series", "RUS", "UKR", "--freq", "hour"], 2),
        (["series", "RUS", "UKR", "--since", "May"], 2),
        (["evaluate", "--format", "nope"], 2),
        (["explain", "Talks.", "--date", "soon"], 2),
        (["no-such-command"], 2),
    ],
)
def test_help_and_usage_errors_import_no_heavy_library(args, exit_code):
    code, imported = imported_by(*args)
    assert code == exit_code
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_mirrored_choices_match_the_enums_they_stand_for():
    from dyad.analytics import Freq, Level
    from dyad.cli.choices import ExportChoice, FreqChoice, GoldChoice, LevelChoice
    from dyad.evaluation.run import GoldFormat
    from dyad.store.export import ExportFormat

    for mirror, real in ((ExportChoice, ExportFormat), (FreqChoice, Freq), (LevelChoice, Level), (GoldChoice, GoldFormat)):
        assert [c.value for c in mirror] == [c.value for c in real], real.__name__
