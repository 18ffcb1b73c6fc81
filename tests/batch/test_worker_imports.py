"""A pool worker starts watching its parent before any heavy import, so a parent
killed while its workers start up does not leave them loading on for seconds."""

import json
import subprocess
import sys


def test_the_worker_module_imports_nothing_heavy():
    code = (
        "import json, sys\nimport dyad.batch.pool\n"
        "print(json.dumps(sorted(m for m in ('spacy', 'scipy', 'datasketch', 'sklearn', 'numpy', 'dyad.pipeline') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_the_package_still_offers_its_names():
    import dyad.batch as batch
    from dyad.batch import CorpusReport, NearDuplicateIndex, code_corpus

    assert NearDuplicateIndex.__module__ == "dyad.batch.dedup"
    assert code_corpus.__module__ == CorpusReport.__module__ == "dyad.batch.run"
    assert sorted(batch.__all__) == sorted(["Coder", "CorpusReport", "NearDuplicateIndex", "code_corpus", "run_coding"])
    try:
        batch.no_such_name  # noqa: B018 - the attribute access is the test
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("unknown names must raise AttributeError")
