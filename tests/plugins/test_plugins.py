"""dyad.plugins in process: built-ins declared as entry points, plugin readers,
data, stages and commands, and one clear error for each kind of broken plugin.

Fake entry points point at ``plugin_fakes`` (beside this file); the installed
example distribution is tested in test_plugin_dist.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import dyad.plugins
from dyad.cli.main import add_plugin_commands, command_names
from dyad.ingest import iter_files, read_articles, read_bytes
from dyad.plugins import COMMANDS, DATA, READERS, STAGES, DataFiles, Plugin, PluginError, data_files, find_reader, plugins
from dyad.records import Article, Rejection
from dyad.stages import base as stage_base
from dyad.stages import stage_factories

Add = Callable[[str, str, str], Plugin]


@pytest.fixture
def add_plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[Add]:
    """Declare a fake entry point, as if another distribution were installed."""
    real = dyad.plugins.plugins
    extra: dict[str, list[Plugin]] = {}

    def fake(group: str) -> tuple[Plugin, ...]:
        return real(group) + tuple(extra.get(group, ()))

    def add(group: str, name: str, value: str) -> Plugin:
        plugin = Plugin(group, name, value, "dyad-fake")
        extra.setdefault(group, []).append(plugin)
        return plugin

    monkeypatch.setattr(dyad.plugins, "plugins", fake)
    data_files.cache_clear()
    stage_base._plugin_factories.cache_clear()
    yield add
    data_files.cache_clear()
    stage_base._plugin_factories.cache_clear()


# -- dyad's own entry points ------------------------------------------------------
def test_every_builtin_reader_is_declared_and_reads_bytes():
    readers = [p for p in plugins(READERS) if p.builtin]
    assert {p.name for p in readers} >= {"txt", "jsonl", "json", "csv", "html", "rss", "xml", "warc", "warc.gz"}
    for p in readers:
        assert getattr(p.load(), "dyad_reads_bytes", False), p


def test_builtin_stages_are_declared_as_entry_points_of_the_registered_classes():
    declared = {p.name: p.load() for p in plugins(STAGES) if p.builtin}
    registered = {name: f.build for name, f in stage_base._REGISTRY.items()}
    assert declared == registered


def test_no_plugins_are_installed_in_the_test_environment():
    # The other tests add their own; an installed one would change what dyad codes.
    for group in (READERS, STAGES, COMMANDS, DATA):
        assert all(p.builtin for p in plugins(group)), group


# -- readers ------------------------------------------------------------------------
def test_the_longest_extension_wins_and_a_plugin_over_a_builtin(add_plugin):
    gz = add_plugin(READERS, "gz", "plugin_fakes:read_lines")
    txt = add_plugin(READERS, ".TXT", "plugin_fakes:read_lines")
    assert find_reader("crawl.warc.gz").name == "warc.gz"
    assert find_reader("notes.gz") == gz
    assert find_reader("a/b/story.txt") == txt
    assert find_reader("README") is None


def test_plugin_reader_articles_pass_the_validator(add_plugin, tmp_path):
    add_plugin(READERS, "foo", "plugin_fakes:read_lines")
    path = tmp_path / "wire.foo"
    path.write_text("2024-03-05|<p>Rebels <b>attacked</b> a convoy.</p>\n2999-01-01|From the future.\n2024-03-05|<script>x()</script>\n")
    good, future, empty = read_articles([path])
    assert isinstance(good, Article) and good.text == "Rebels attacked a convoy."
    assert good.origin == str(path) and len(good.id) == 16  # the file, and the content hash for a blank id
    assert isinstance(future, Rejection) and "in the future" in future.reason and future.origin == str(path)
    assert isinstance(empty, Rejection) and "empty after removing markup" in empty.reason


def test_plugin_files_are_found_below_directories(add_plugin, tmp_path):
    add_plugin(READERS, "foo", "plugin_fakes:read_lines")
    (tmp_path / "a.foo").write_text("2024-03-05|Talks were held.\n")
    (tmp_path / "b.unknown").write_text("x")
    assert [Path(p).name for p in iter_files([tmp_path])] == ["a.foo"]


@pytest.mark.parametrize(
    ("value", "line", "reason"),
    [
        ("plugin_fakes:read_and_fail", None, "dyad.readers plugin 'foo' (plugin_fakes:read_and_fail, from dyad-fake) failed: KeyError"),
        ("plugin_fakes:read_not_articles", None, "yielded a dict, not an Article"),
        ("plugin_fakes:read_refusing", 3, "not my kind of file"),
    ],
)
def test_a_plugin_reader_that_fails_rejects_its_file_and_the_run_goes_on(add_plugin, tmp_path, value, line, reason):
    add_plugin(READERS, "foo", value)
    (tmp_path / "a.foo").write_text("anything")
    (tmp_path / "2024-01-01-b.txt").write_text("The ministers met.")
    items = list(read_articles([tmp_path / "a.foo", tmp_path / "2024-01-01-b.txt"]))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert len(rejected) == 1 and rejected[0].line == line and reason in rejected[0].reason
    assert isinstance(items[-1], Article) and items[-1].text == "The ministers met."


def test_a_missing_file_for_a_plugin_reader_cannot_be_opened(add_plugin, tmp_path):
    add_plugin(READERS, "foo", "plugin_fakes:read_lines")
    (rej,) = read_articles([tmp_path / "missing.foo"])
    assert isinstance(rej, Rejection) and "cannot open" in rej.reason


def test_a_path_reader_cannot_read_bytes(add_plugin):
    add_plugin(READERS, "foo", "plugin_fakes:read_lines")
    (rej,) = read_bytes(b"2024-01-01|x", "stdin.foo")
    assert isinstance(rej, Rejection) and "reads files by path" in rej.reason


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("plugin_fakes_missing:read", "failed to load: ModuleNotFoundError: No module named 'plugin_fakes_missing'"),
        ("plugin_fakes:no_such_name", "failed to load: AttributeError"),
        ("plugin_fakes:NOT_CALLABLE", "is not callable"),
    ],
)
def test_a_broken_reader_plugin_is_one_error_naming_it(add_plugin, tmp_path, value, problem):
    add_plugin(READERS, "foo", value)
    (tmp_path / "a.foo").write_text("x")
    with pytest.raises(PluginError) as err:
        list(read_articles([tmp_path / "a.foo"]))
    assert str(err.value).startswith(f"dyad.readers plugin 'foo' ({value}, from dyad-fake) ")
    assert problem in str(err.value)
    assert err.value.exit_code == 2


def test_a_broken_reader_plugin_costs_nothing_until_its_extension_comes_up(add_plugin, tmp_path):
    add_plugin(READERS, "foo", "plugin_fakes_missing:read")
    (tmp_path / "2024-01-01-a.txt").write_text("The ministers met.")
    (art,) = read_articles([tmp_path / "2024-01-01-a.txt"])
    assert isinstance(art, Article)


# -- data ---------------------------------------------------------------------------
def test_data_plugin_files_by_kind(add_plugin):
    add_plugin(DATA, "fake", "plugin_fakes:data_ok")
    fakes = Path(__file__).with_name("plugin_fakes.py")
    assert data_files() == DataFiles(actors=(fakes,), places=(fakes,))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("plugin_fakes:data_unknown_kind", "returned an unknown kind 'weather' (known: actors, lexicon, places, contexts)"),
        ("plugin_fakes:data_missing_file", "names a actors file that does not exist"),
        ("plugin_fakes:data_raises", "failed: RuntimeError: cannot find my files"),
        ("plugin_fakes:data_not_a_mapping", "returned list, not a mapping"),
        ("plugin_fakes:NOT_CALLABLE", "is not callable"),
    ],
)
def test_a_broken_data_plugin_is_one_error_naming_it(add_plugin, value, problem):
    add_plugin(DATA, "fake", value)
    with pytest.raises(PluginError, match=f"^dyad.data plugin 'fake' \\({value}, from dyad-fake\\) ") as err:
        data_files()
    assert problem in str(err.value)


# -- stages -------------------------------------------------------------------------
def test_a_stage_plugin_is_known_beside_the_built_ins(add_plugin):
    add_plugin(STAGES, "trace_me", "dyad.stages.builtin:CountStage")
    factories = stage_factories()
    assert {"triggers", "quotes", "trace_me"} <= set(factories)
    assert factories["trace_me"].requires == ("events",)


@pytest.mark.parametrize(
    ("value", "problem"),
    [("plugin_fakes_missing:Stage", "failed to load: ModuleNotFoundError"), ("plugin_fakes:NOT_CALLABLE", "is unusable: int 'odd'")],
)
def test_a_broken_stage_plugin_is_one_error_naming_it(add_plugin, value, problem):
    add_plugin(STAGES, "odd", value)
    with pytest.raises(PluginError, match=f"^dyad.stages plugin 'odd' \\({value}, from dyad-fake\\) ") as err:
        stage_factories()
    assert problem in str(err.value)


# -- commands -----------------------------------------------------------------------
def _app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None)
    app.command("code")(lambda: print("coded"))
    app.command("events")(lambda: None)
    return app


def test_plugin_commands_and_command_groups_are_added(add_plugin):
    add_plugin(COMMANDS, "hello", "plugin_fakes:hello")
    add_plugin(COMMANDS, "tools", "plugin_fakes:tools_app")
    app = _app()
    add_plugin_commands(app)
    assert set(command_names(app)) == {"code", "events", "hello", "tools"}
    runner = CliRunner()
    assert runner.invoke(app, ["hello", "--name", "dyad"]).stdout == "hello dyad\n"
    assert runner.invoke(app, ["tools", "ping"]).stdout == "pong\n"


def test_a_broken_command_plugin_becomes_a_command_that_reports_it(add_plugin):
    add_plugin(COMMANDS, "oops", "plugin_fakes_missing:cmd")
    app = _app()
    add_plugin_commands(app)
    runner = CliRunner()
    helped = runner.invoke(app, ["--help"])
    assert helped.exit_code == 0 and "oops" in helped.stdout and "broken plugin" in helped.stdout
    assert runner.invoke(app, ["code"]).stdout == "coded\n"
    result = runner.invoke(app, ["oops", "--any", "args"])
    assert isinstance(result.exception, PluginError)  # main() prints it as one line, exit 2
    assert str(result.exception).startswith("dyad.commands plugin 'oops' (plugin_fakes_missing:cmd, from dyad-fake) failed to load")


def test_a_plugin_command_cannot_replace_a_builtin_one(add_plugin, capsys):
    add_plugin(COMMANDS, "code", "plugin_fakes:hello")
    app = _app()
    add_plugin_commands(app)
    assert CliRunner().invoke(app, ["code"]).stdout == "coded\n"
    assert "'code' is a built-in command" in capsys.readouterr().err


def test_a_plugin_article_from_before_1900_is_refused(add_plugin, tmp_path):
    add_plugin(READERS, "foo", "plugin_fakes:read_lines")
    (tmp_path / "a.foo").write_text("1850-01-01|Old news.\n")
    (rej,) = read_articles([tmp_path / "a.foo"])
    assert isinstance(rej, Rejection) and "before 1900" in rej.reason
