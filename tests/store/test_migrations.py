"""Issue 16: the store's migrations run through Alembic. A database at every old schema version (1..10,
as the hand-written runner left it) is stamped with the matching revision, upgraded to head with its rows
kept, and nothing it had is run again; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from legacy_schema import NEWEST_LEGACY, make_legacy, stamp_legacy
from sqlalchemy import Engine, event, func, inspect, select, text, update
from store_samples import make_article, make_coded
from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.errors import StoreError
from dyad.records import ArticleCopy, Rejection
from dyad.store import Store
from dyad.store.migrations import config, current_revision, head, new_revision, revision_of
from dyad.store.schema import article_copies, articles, event_entities, events, metadata, quotes, rejections

SENTINEL = "kept-by-the-stamp"


def _fill(store: Store) -> None:
    for i in range(3):
        store.save(make_coded(i), config="fp-1")
    store.save_rejection(Rejection("corpus.jsonl", 7, "no date"))
    store.save_copy(ArticleCopy(make_article(99), "art-0001", 0.93))


def _snapshot(store: Store) -> dict[str, object]:
    with store.engine.connect() as conn:
        cols = (events.c.id, events.c.context, events.c.place_resolution, events.c.aggregate, events.c.record)
        rows = {r[0]: [r[1], r[2], bool(r[3]), json.loads(r[4])] for r in conn.execute(select(*cols))}
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in (articles, events, event_entities, quotes, rejections, article_copies)}  # fmt: skip
        configs = set(conn.execute(select(articles.c.config)).scalars())
    return {"events": rows, "counts": counts, "configs": configs}


@pytest.mark.parametrize("version", range(1, NEWEST_LEGACY + 1))
def test_a_database_at_each_old_version_is_stamped_and_upgraded_with_its_rows(db_url: str, version: int):
    with Store(db_url) as store:
        _fill(store)
        want = _snapshot(store)
        first = min(want["events"])  # type: ignore[type-var]
        with store.engine.begin() as conn:
            make_legacy(conn, version)
            # Values only a revision the database already has would overwrite: they must survive.
            if version >= 6:
                conn.execute(update(events).where(events.c.id == first).values(context=SENTINEL))
                want["events"][first][0] = SENTINEL  # type: ignore[index]
            if version >= 8:
                conn.execute(update(events).where(events.c.id == first).values(aggregate=True))
                want["events"][first][2] = True  # type: ignore[index]
            if version >= 10:
                conn.execute(update(events).where(events.c.id == first).values(place_resolution=SENTINEL))
                want["events"][first][1] = SENTINEL  # type: ignore[index]
    if version < 2:
        want["counts"]["article_copies"] = 0  # type: ignore[index]
    if version < 7:
        want["configs"] = {None}  # the fingerprint column is new: those articles are recoded once

    with Store(db_url) as store:
        got = _snapshot(store)
        with store.engine.connect() as conn:
            assert current_revision(conn) == head()
            insp = inspect(conn)
            assert not insp.has_table("schema_version")
            assert set(metadata.tables) <= set(insp.get_table_names())
            indexes = {ix["name"] for t in metadata.tables for ix in insp.get_indexes(t)}
    assert got == want
    assert {ix.name for t in metadata.tables.values() for ix in t.indexes} <= indexes
    assert "ix_explore_ev_confidence" not in indexes


def test_the_revisions_are_one_chain_numbered_like_the_old_versions():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config())
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert chain == [revision_of(v) for v in range(1, NEWEST_LEGACY + 1)] == [f"{v:04d}" for v in range(1, 11)]
    assert head() == chain[-1]


def test_a_database_at_head_is_opened_without_running_a_migration(db_url: str):
    Store(db_url).close()
    statements: list[str] = []

    def keep(conn, cursor, statement, *_):  # type: ignore[no-untyped-def]
        statements.append(statement.lstrip().split()[0].upper())

    event.listen(Engine, "before_cursor_execute", keep)
    try:
        Store(db_url).close()
    finally:
        event.remove(Engine, "before_cursor_execute", keep)
    assert statements and set(statements) <= {"BEGIN", "PRAGMA", "SELECT"}, statements  # BEGIN IMMEDIATE: the store's write lock


@pytest.mark.parametrize("how", ["alembic", "legacy"])
def test_a_database_newer_than_this_dyad_is_refused_and_left_alone(sqlite_url: str, how: str):
    with Store(sqlite_url) as store, store.engine.begin() as conn:
        if how == "alembic":
            conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
        else:
            stamp_legacy(conn, 99)
    with pytest.raises(StoreError, match="newer dyad"):
        Store(sqlite_url)
    import sqlite3

    with sqlite3.connect(sqlite_url) as conn:  # the refused upgrade was rolled back: the stamp is as it was
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        stamp = conn.execute("SELECT version_num FROM alembic_version" if how == "alembic" else "SELECT max(version) FROM schema_version")
        assert stamp.fetchone()[0] == ("0999" if how == "alembic" else 99)
    assert ("schema_version" in tables) == (how == "legacy")


def test_a_read_only_command_upgrades_an_old_database_as_it_did_before_alembic(sqlite_url: str):
    """`dyad events` opens an old database as every command did with the old runner: upgraded, then read."""
    with Store(sqlite_url) as store:
        store.save(make_coded(1))
        with store.engine.begin() as conn:
            make_legacy(conn, 5)
    result = CliRunner().invoke(app, ["events", "--db", sqlite_url, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["published"] for line in result.stdout.splitlines()] == ["2023-02-22", "2023-02-22"]
    with Store(sqlite_url) as store, store.engine.connect() as conn:
        assert current_revision(conn) == head()


def test_a_new_revision_is_numbered_after_the_newest_and_runs(tmp_path: Path, sqlite_url: str):
    """What `python -m dyad.store.migrations MESSAGE` does, on a copy of the shipped scripts."""
    scripts = tmp_path / "migrations"
    shipped = Path(__file__).resolve().parents[2] / "src" / "dyad" / "store" / "migrations"
    shutil.copytree(shipped, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    cfg = config()
    cfg.set_main_option("script_location", str(scripts))
    path = new_revision("Add summary tables", cfg)
    assert path.name == "0011_add_summary_tables.py"
    source = path.read_text("utf-8")
    assert 'revision = "0011"' in source and 'down_revision = "0010"' in source
    assert "def add_summary_tables(conn: Connection) -> None:" in source
    compile(source, str(path), "exec")
    Store(sqlite_url).close()
    with Store(sqlite_url) as store, store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        assert current_revision(conn) == "0011"


def test_the_command_line_entry_runs_without_an_alembic_ini(tmp_path: Path):
    """The module's own command line (`python -m dyad.store.migrations --help`) runs without an alembic.ini."""
    out = subprocess.run([sys.executable, "-m", "dyad.store.migrations", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("usage: python -m dyad.store.migrations [-h] message")


@pytest.mark.slow
def test_the_wheel_ships_every_migration_file(tmp_path: Path):
    """Users get the scripts from the package (package data), not from a checkout: build the wheel offline and look."""
    import zipfile

    repo = Path(__file__).resolve().parents[2]
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(repo / name, tmp_path / name)
    shutil.copytree(repo / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-w", "dist", "."]
    subprocess.run(build, cwd=tmp_path, check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    folder = repo / "src" / "dyad" / "store" / "migrations"
    want = {f"dyad/store/migrations/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert {"dyad/store/migrations/env.py", "dyad/store/migrations/script.py.mako"} <= want
    assert len([w for w in want if "/versions/0" in w]) == int(head())
    assert want <= shipped, sorted(want - shipped)


def test_opening_an_up_to_date_database_does_not_import_alembic(sqlite_url: str):
    """Importing Alembic costs 0.5-1 s; every command opens a store, and almost always the database is up to date."""
    Store(sqlite_url).close()
    code = (f"import sys\nfrom dyad.store import Store\nStore({sqlite_url!r}).close()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
