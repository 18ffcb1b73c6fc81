"""The worked example of docs/plugins.md, built and installed as a real distribution.

The files are taken from the doc's code blocks (``file=…``), installed with
pip into a folder (no network: ``--no-index --no-build-isolation``) that a
``dyad`` subprocess gets on PYTHONPATH, so the test runs what the doc shows.
A second, broken distribution shows how a broken plugin is reported.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "plugins.md"
DYAD = str(Path(sys.executable).parent / "dyad")
BLOCK = re.compile(r"^```\w+ file=(\S+)\n(.*?)^```$", re.M | re.S)
WIRE = (
    "2024-03-05|The Zorvanian Liberation Front attacked the <b>Zorvania Camp</b> on Monday, killing three soldiers.\n"
    "2999-01-01|A line dated in the future is refused by the validator.\n"
)
BROKEN = {
    "pyproject.toml": """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "dyad-broken"
version = "0.1.0"

[project.entry-points."dyad.readers"]
bar = "dyad_broken.missing:read"

[project.entry-points."dyad.commands"]
oops = "dyad_broken:NOT_A_COMMAND"

[tool.setuptools]
packages = ["dyad_broken"]
""",
    "dyad_broken/__init__.py": "NOT_A_COMMAND = 42\n",
}


def install(files: dict[str, str], src: Path, target: Path) -> Path:
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
           "--disable-pip-version-check", "--target", str(target), str(src)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return target


@pytest.fixture(scope="session")
def foo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {name: text for name, text in BLOCK.findall(DOC.read_text(encoding="utf-8"))}
    assert {"pyproject.toml", "dyad_foo/__init__.py", "dyad_foo/actors.yaml", "dyad_foo/places.yaml"} <= set(files)
    return install(files, tmp_path_factory.mktemp("dyad-foo"), tmp_path_factory.mktemp("site-foo"))


@pytest.fixture(scope="session")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install(BROKEN, tmp_path_factory.mktemp("dyad-broken"), tmp_path_factory.mktemp("site-broken"))


def run(site: Path, *args: str, cwd: Path, exe: str = DYAD) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=600, env=env, cwd=cwd)


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    path = tmp_path / "wire.foo"
    path.write_text(WIRE, encoding="utf-8")
    return path


def test_plugin_command_is_listed_and_reads_with_the_plugin_reader(foo_site, wire, tmp_path):
    helped = run(foo_site, "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "foo-count" in helped.stdout
    counted = run(foo_site, "foo-count", str(wire), cwd=tmp_path)
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout.strip() == "1 articles, 1 rejected"  # the future date is the validator's


def test_plugin_stage_is_registered_beside_the_built_ins(foo_site, tmp_path):
    code = "from dyad.stages import stage_factories as f; s = f()['confident_only']; print(s.requires, s.assigns, 'triggers' in f())"
    done = run(foo_site, "-c", code, cwd=tmp_path, exe=sys.executable)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "('events',) ('events',) True"


@pytest.mark.model
def test_dyad_code_reads_a_foo_file_with_the_plugin_reader_and_data(foo_site, wire, tmp_path):
    done = run(foo_site, "code", str(wire), "--no-db", "-f", "jsonl", "-j", "1", cwd=tmp_path)
    assert done.returncode == 3, done.stderr  # coded, with one line rejected
    assert "in the future" in done.stderr and "wire.foo:2" in done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    attack = next(e for e in events if e["event"] == "ASSAULT")
    assert attack["article_id"] == "wire-1"
    # The actor comes from the plugin's actors.yaml, the place from its places.yaml.
    assert any(a.get("identifier_id") == "ZLF" and a["code"] == "KEN" for a in attack["actor"]), attack["actor"]
    assert attack["event_loc"]["lat"] == 1.25
    assert "<b>" not in attack["text"]  # cleaned by the validator


def test_a_broken_command_plugin_is_one_line_and_the_others_still_work(broken_site, tmp_path):
    helped = run(broken_site, "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "oops" in helped.stdout and "code" in helped.stdout
    done = run(broken_site, "oops", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "dyad: error: dyad.commands plugin 'oops' (dyad_broken:NOT_A_COMMAND, from dyad-broken) "
        "is neither a typer.Typer nor a command function (got int)"
    ]


def test_a_broken_reader_plugin_is_one_line_naming_it(broken_site, tmp_path):
    (tmp_path / "x.bar").write_text("anything", encoding="utf-8")
    done = run(broken_site, "code", "x.bar", "--no-db", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("dyad: error: dyad.readers plugin 'bar' (dyad_broken.missing:read, from dyad-broken) failed to load: ")
    assert "ModuleNotFoundError" in line
