"""The language folder (dyad/lang/en): every file loads and is valid, and a
mistake in a file is a ConfigError that names the file and line."""

from __future__ import annotations

from dataclasses import dataclass, fields
from importlib import resources
from typing import Literal

import pytest

from dyad.errors import ConfigError
from dyad.lang import Language, english, load_language, read_word_file


def test_every_packaged_file_loads_into_its_record():
    en = english()
    assert en.code == "en"
    for f in fields(Language):
        if f.name != "code":
            assert resources.files("dyad.lang.en").joinpath(f"{f.name}.yaml").is_file()
            assert getattr(en, f.name) is not None


def test_the_folder_holds_no_file_the_schema_does_not_read():
    names = {f.name for f in fields(Language)}
    files = {p.name[: -len(".yaml")] for p in resources.files("dyad.lang.en").iterdir() if p.name.endswith(".yaml")}
    assert files == names - {"code"}


def test_loaded_once_per_process():
    assert english() is english() is load_language("en")


def test_an_unknown_language_is_a_config_error():
    with pytest.raises(ConfigError, match="no language data for 'xx'"):
        load_language("xx")


@dataclass(frozen=True, slots=True)
class Sample:
    words: frozenset[str]
    ordered: tuple[str, ...]
    numbers: dict[str, int]
    kinds: dict[str, Literal["a", "b"] | None]
    pairs: dict[str, tuple[int, int]]


GOOD = "words: [x, y z]\nordered: [b, a]\nnumbers: {one: 1}\nkinds: {p: a, q: null}\npairs: {d: [1, 2]}\n"


def test_a_valid_file_gives_typed_values():
    s = read_word_file(Sample, GOOD, "s.yaml")
    assert s == Sample(frozenset({"x", "y z"}), ("b", "a"), {"one": 1}, {"p": "a", "q": None}, {"d": (1, 2)})


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (GOOD + "extra: [a]\n", "s.yaml:6", "unknown list 'extra'"),
        (GOOD.replace("pairs: {d: [1, 2]}\n", ""), "s.yaml:1", "missing list(s) pairs"),
        (GOOD + "words: [q]\n", "s.yaml:6", "'words' is given twice"),
        (GOOD.replace("words: [x, y z]", "words:\n  - x\n  - y\n  - x"), "s.yaml:4", "'x' is in 'words' twice"),
        (GOOD.replace("[x, y z]", "[x, Y]"), "s.yaml:1", "'Y' in 'words' must be lower case"),
        (GOOD.replace("[x, y z]", "[x, 3]"), "s.yaml:1", "must be a word or phrase"),
        (GOOD.replace("[x, y z]", "[x, 'y  z']"), "s.yaml:1", "must be a word or phrase"),
        (GOOD.replace("[x, y z]", "x"), "s.yaml:1", "'words' must be a list of words"),
        (GOOD.replace("{one: 1}", "{one: uno}"), "s.yaml:3", "numbers.one must be an integer"),
        (GOOD.replace("{one: 1}", "{one: 1, one: 2}"), "s.yaml:3", "'one' is in 'numbers' twice"),
        (GOOD.replace("q: null", "q: c"), "s.yaml:4", "kinds.q must be one of 'a', 'b' or null"),
        (GOOD.replace("[1, 2]", "[1]"), "s.yaml:5", "pairs.d must be a list [an integer, an integer]"),
        (GOOD.replace("numbers: {one: 1}", "numbers: [one]"), "s.yaml:3", "'numbers' must map words to values"),
        ("- a\n- b\n", "s.yaml:1", "a language file maps list names"),
        ("words: [a,\n", "s.yaml:2", "not valid YAML"),
    ],
)
def test_a_mistake_names_file_and_line(text: str, where: str, message: str):
    with pytest.raises(ConfigError) as err:
        read_word_file(Sample, text, "s.yaml")
    assert str(err.value).startswith(where + ":") and message in str(err.value), str(err.value)


def test_on_off_and_no_are_words_not_booleans():
    s = read_word_file(Sample, GOOD.replace("[x, y z]", "[on, off, no, yes]"), "s.yaml")
    assert s.words == {"on", "off", "no", "yes"}


def test_pronoun_classes_are_written_once_and_combined_in_code():
    p = english().pronouns
    assert p.person == {"he", "him", "his", "she", "her", "hers"}
    assert p.gender["his"] == "m" and p.gender["hers"] == "f"
    assert p.possessive & p.person == {"his", "her"}


def test_the_reporting_verbs_are_one_list_read_by_the_coder_and_the_quotes(tmp_path):
    from dyad.coding.lexicon import load_lexicon
    from dyad.quotes.extract import load_reporting_lexicon

    verbs = english().reporting.verbs
    assert load_reporting_lexicon().verbs == verbs
    assert load_lexicon().reporting_verbs == verbs
    mine = tmp_path / "mine.yaml"
    mine.write_text("reporting: {verbs: [opine]}\n", encoding="utf-8")
    assert load_lexicon([mine]).reporting_verbs == verbs | {"opine"}  # a user lexicon still adds its own
