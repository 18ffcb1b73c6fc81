from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from explore_factory import make_corpus

from dyad.api import create_app
from dyad.store import Store

with warnings.catch_warnings():
    # Starlette 1.x warns on import that its TestClient will move to httpx2; that is not our concern here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-test-token"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "api.sqlite")
    with Store(path) as store:
        store.save_many(make_corpus())
    return path


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a crash must come back as our 500 JSON, as a real client sees it.
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def pg_db() -> Iterator[str]:
    """A PostgreSQL URL (DYAD_TEST_PG_URL) whose tables live in a throwaway schema, filled with the corpus."""
    url = os.environ.get("DYAD_TEST_PG_URL")
    if not url:
        pytest.skip("DYAD_TEST_PG_URL is not set (run `bash .ci/services.sh && source .ci/env`)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in url else "?"
    db = f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    try:
        with Store(db) as store:
            store.save_many(make_corpus())
        yield db
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
