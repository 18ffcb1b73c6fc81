"""Issue 12: most test files run without the spaCy model (logic tests build Docs by hand).

A file needs the model when any of its tests is marked ``@pytest.mark.model``
(or the file sets ``pytestmark``); such tests live in ``*_model.py`` companions
or in files that are about the model's output. Read from the source, so the
check costs no collection.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MIN_SHARE = 0.60
MODEL_FIXTURES = {"nlp", "pipeline"}  # tests/conftest.py: the loaded model and a Pipeline


def _marks_model(node: ast.expr) -> bool:
    return "mark.model" in ast.unparse(node)


def _file_marks(tree: ast.Module) -> bool:
    return any(
        isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in n.targets) and _marks_model(n.value) for n in tree.body
    )


def _tests(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test")]


def _test_files() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(TESTS.rglob("test_*.py"))}


def _needs_model(tree: ast.Module) -> bool:
    return _file_marks(tree) or any(_marks_model(d) for t in _tests(tree) for d in t.decorator_list)


def test_most_test_files_run_without_the_model():
    files = _test_files()
    free = [p for p, tree in files.items() if not _needs_model(tree)]
    share = len(free) / len(files)
    assert share >= MIN_SHARE, f"{len(free)} of {len(files)} test files ({share:.0%}) run without the model; at least {MIN_SHARE:.0%} should"


def test_a_test_that_takes_the_model_fixtures_is_marked():
    unmarked = []
    for path, tree in _test_files().items():
        if _file_marks(tree):
            continue
        for t in _tests(tree):
            args = {a.arg for a in t.args.args}
            if args & MODEL_FIXTURES and not any(_marks_model(d) for d in t.decorator_list):
                unmarked.append(f"{path.relative_to(TESTS)}::{t.name}")
    assert not unmarked, f"tests that take the nlp/pipeline fixture without @pytest.mark.model: {unmarked}"
