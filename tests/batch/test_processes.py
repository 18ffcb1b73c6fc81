"""Issue 17: processes. Pool workers end with the `dyad code` that started them
(SIGKILL included), and many processes starting on one new SQLite file all
get through its migration."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.slow
DYAD = str(Path(sys.executable).parent / "dyad")


def test_sigkill_of_dyad_code_leaves_no_worker_alive(tmp_path):
    rows = [{"id": f"a{i}", "date": "2024-03-05", "text": f"Police arrested {i} protesters in Nairobi on Monday."} for i in range(200)]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows))
    proc = subprocess.Popen([DYAD, "code", str(corpus), "--db", str(tmp_path / "db.sqlite"), "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 300
        workers: list[psutil.Process] = []
        while time.monotonic() < deadline and proc.poll() is None:
            workers = [c for c in parent.children(recursive=True) if "resource_tracker" not in " ".join(c.cmdline())]
            if len(workers) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2, "the pool did not start"
        time.sleep(2)  # the workers are loading the model
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    _, left = psutil.wait_procs(workers, timeout=5)
    alive = [p for p in left if _running(p)]  # a zombie has exited; only its new parent has yet to reap it
    for p in alive:  # do not leave them behind even when the test fails
        p.kill()
    assert not alive, f"{len(alive)} worker(s) still alive 5 s after their parent was killed"


def _running(p: psutil.Process) -> bool:
    try:
        return p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_21_processes_starting_on_one_new_sqlite_file_all_succeed(tmp_path):
    db = tmp_path / "new.sqlite"
    script = (
        "import os\nfrom dyad.store import Store\nfrom dyad.records import Rejection\n"
        f"with Store({str(db)!r}) as s:\n"
        "    for i in range(5):\n"
        "        s.save_rejection(Rejection(str(os.getpid()), i, 'x'))\n"
        "        s.coded_hashes(['a'])\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True) for _ in range(21)]
    errors = [err for p in procs if (err := p.communicate(timeout=300)[1]) and p.returncode]
    assert not errors, errors[0]
    from dyad.store import Store

    with Store(str(db)) as store:
        assert store.counts().rejections == 21 * 5
