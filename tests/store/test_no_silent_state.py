"""No silent state (issue #16): `--output FILE` alone stores nothing, a stored article is
skipped only under the same configuration, read-only commands never create a database,
and `dyad code --output` writes CSV the way `dyad export` does."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from store_samples import make_article, make_coded, make_events
from typer.testing import CliRunner

from dyad.batch import code_corpus
from dyad.batch.fingerprint import configuration_fingerprint
from dyad.cli.main import app
from dyad.cli.output import Format, open_output, write_events
from dyad.errors import NotFoundError
from dyad.pipeline import PipelineOptions
from dyad.records import Article, CodedArticle
from dyad.store import Store

runner = CliRunner()


class HandCoder:
    """Codes each article into the sample events, and remembers which it was asked to code."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for art in articles:
            self.seen.append(art.id)
            yield CodedArticle(article=art, events=make_events(art))


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_code_output_csv_is_the_export_csv_with_umask_permissions(tmp_path: Path, umask: int):
    coded = make_coded(1)
    old = os.umask(umask)
    try:
        with open_output(str(tmp_path / "out" / "events.csv")) as out:
            write_events(coded.events, Format.csv, out)
    finally:
        os.umask(old)
    path = tmp_path / "out" / "events.csv"
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    raw = path.read_text("utf-8")
    assert raw.startswith('"id","article_id","date"') and ',"042",' in raw  # codes stay text
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, quoting=csv.QUOTE_NONNUMERIC))
    assert [r["cameo"] for r in rows] == ["042", "173"]
    assert not list(tmp_path.joinpath("out").glob(".*"))  # no temporary file left behind


def test_a_stored_article_is_recoded_when_the_configuration_changes(sqlite_url: str):
    arts = [make_article(1), make_article(2)]
    with Store(sqlite_url) as store:
        first = HandCoder()
        report = code_corpus(arts, first, store, config="aaaa")
        assert (report.coded, report.skipped, report.recoded) == (2, 0, 0)
        same = HandCoder()
        report = code_corpus(arts, same, store, config="aaaa")
        assert (report.coded, report.skipped, report.recoded, same.seen) == (0, 2, 0, [])
        changed = HandCoder()
        report = code_corpus(arts, changed, store, config="bbbb")
        assert (report.coded, report.skipped, report.recoded, changed.seen) == (2, 0, 2, ["art-0001", "art-0002"])
        assert store.coded_hashes(["art-0001"])["art-0001"][1] == "bbbb"


def test_the_fingerprint_follows_the_data_files_and_options(tmp_path: Path):
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("patterns: []\n")
    base = configuration_fingerprint(PipelineOptions(lexicon=(lexicon,)))
    assert configuration_fingerprint(PipelineOptions(lexicon=(lexicon,))) == base
    lexicon.write_text("patterns: [{lemma: parley, event: CONSULT}]\n")
    edited = configuration_fingerprint(PipelineOptions(lexicon=(lexicon,)))
    assert edited != base
    assert configuration_fingerprint(PipelineOptions(lexicon=(lexicon,), prefilter=False)) != edited
    assert configuration_fingerprint(PipelineOptions(actors=(lexicon,))) != edited
    # the section size changes what a long text is coded with; the batch size changes nothing coded
    options = PipelineOptions(lexicon=(lexicon,))
    assert configuration_fingerprint(replace(options, limits=replace(options.limits, section_chars=50_000))) != edited
    assert configuration_fingerprint(replace(options, limits=replace(options.limits, batch_size=2))) == edited


@pytest.mark.parametrize(
    "args",
    [["events"], ["quotes"], ["export", "-o", "out.jsonl"], ["series", "RUS", "CHN"], ["serve"]],
)
def test_read_only_commands_refuse_a_missing_database(tmp_path: Path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DYAD_DB", raising=False)
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "nothing.sqlite")])
    assert result.exit_code == 1
    assert isinstance(result.exception, NotFoundError)
    assert "no database at" in str(result.exception) and "dyad code" in str(result.exception)
    assert list(tmp_path.iterdir()) == []  # neither the database nor an output file
