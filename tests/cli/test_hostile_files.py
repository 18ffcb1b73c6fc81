"""Issue 17: `dyad code` over a folder of hostile files exits 3 with one
rejection per bad record, no traceback, and every good record stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.store import Store

pytestmark = pytest.mark.slow
DYAD = str(Path(sys.executable).parent / "dyad")


def line(i: str, text: str = "Police arrested ten protesters in the capital.") -> bytes:
    return json.dumps({"id": i, "date": "2023-02-22", "text": f"{text} ({i})"}).encode()


def test_hostile_files_cost_only_their_bad_records(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "mixed.jsonl").write_bytes(
        b"\n".join([line("j1"), b'{"id": "s", "date": "2023-02-22", "text": "Troops \\ud800 left (s)."}', b"\x00\x00",
                    b'{"id": 9' + b"9" * 5000 + b', "date": "2023-02-22", "text": "Talks (big)."}', b"caf\xe9", line("j2")])  # fmt: skip
    )
    (corpus / "rows.csv").write_bytes(b'id,date,text\nc1,2023-02-22,Rebels attacked a convoy.\nc2,2023-02-22,"open\nc3,2023-02-22,Talks were held.\n')
    (corpus / "2023-02-22-wire.txt").write_bytes(b"[Reuters] The president visited Paris.")
    with open(os.path.join(os.fsencode(corpus), b"2023-02-22-\xff.txt"), "wb") as fh:
        fh.write(b"The ministers met in Moscow.")
    db = tmp_path / "db.sqlite"
    res = subprocess.run([DYAD, "code", str(corpus), "--db", str(db), "-j", "1"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 3, res.stderr
    assert "Traceback" not in res.stderr
    with Store(str(db)) as store:
        counts = store.counts()
        stored = [store.get_article(i).id for i in ("j1", "s", "9" * 200, "j2", "c1", "c3")]
        rejections = sorted((Path(r.origin).name, r.line) for r in store.iter_rejections())
    assert rejections == [("mixed.jsonl", 3), ("mixed.jsonl", 5), ("rows.csv", 3)]
    # j1, s, big, j2 + c1, c3 + the two text files
    assert len(stored) == 6 and counts.articles == 8  # and the two text files
