"""The manual's context names and the context lexicon (``data/contexts.yaml``).

PLOVER 2.0 puts two kinds of value in an event's ``context``: the 37 general
contexts of the manual's table "General contexts" (the policy area: military,
diplomatic, legal …) and the auxiliary modes the coder sets (``future`` …).
The lexicon says which words, phrases, CAMEO codes and actors make each
general context evident; a user file given to ``load_context_lexicon`` is
merged over the packaged one (its cues are added, its settings win).

A malformed file raises ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.contexts.names import AUXILIARY_MODES, GENERAL_CONTEXTS, LEVELS  # noqa: F401 - re-exported
from dyad.datafile import LineLoader, yaml_error
from dyad.errors import ConfigError

ENTRY_KEYS = frozenset({"strong", "cues", "topic", "sectors", "actors", "types", "__line__"})
TOP_KEYS = frozenset({"contexts", "crosswalk", "settings", "weights", "__line__"})
SETTINGS: dict[str, float] = {
    # Sentences either side of the event's that make its "paragraph" when the
    # article has no blank lines (wire copy such as VOA's has none).
    "paragraph_window": 1,
    # A blank-line block of more sentences than this is a page, not a paragraph (text pasted
    # without breaks): read as if it had none (paragraph_window), which keeps the cost linear.
    "paragraph_max_sentences": 12,
    # An article-level topic: its cues in at least this many sentences …
    "article_min_sentences": 3,
    # … and in at least this share of the article's sentences (or in the title).
    "article_min_share": 0.12,
}


CUE_KINDS: tuple[str, ...] = ("strong", "cues", "topic")


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that makes ``context`` evident. ``kind``: ``strong``
    (unambiguous: "human rights", "New START"), ``cues`` (ordinary), ``topic``
    (too loose for one sentence: counts only at the article level)."""

    phrase: str
    context: str
    kind: str = "cues"
    origin: str = ""  # "file:line", for explain and errors

    @property
    def topic(self) -> bool:
        return self.kind == "topic"

    @property
    def strong(self) -> bool:
        return self.kind == "strong"


@dataclass(frozen=True)  # no slots: the compiled pattern is cached on the instance
class ContextLexicon:
    cues: tuple[Cue, ...]
    sectors: dict[str, tuple[str, ...]]  # actor sector (MIL) → contexts it implies
    actors: dict[str, tuple[str, ...]]  # actor identifier_id (ISIS) → contexts
    types: dict[str, tuple[str, ...]]  # PLOVER type (CONSULT) → contexts it implies between states
    crosswalk: dict[str, str]  # a crosswalk context name → the manual's (humanitarian → human_security)
    settings: dict[str, float] = field(default_factory=lambda: dict(SETTINGS))
    # The hand-set weighing of the evidence (scoring.parse_weights reads it), and where it was set.
    weights: dict[str, Any] = field(default_factory=dict)
    weights_origin: str = ""

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """One regex over every cue (see ``compile_cues``)."""
        return compile_cues(c.phrase for c in self.cues)

    @functools.cached_property
    def keys_seen(self) -> dict[str, tuple[Cue, ...]]:
        """``cue_key``'s answers so far (a text matched once is matched again and again)."""
        return {}

    @functools.cached_property
    def by_phrase(self) -> dict[str, tuple[Cue, ...]]:
        out: dict[str, list[Cue]] = {}
        for c in self.cues:
            out.setdefault(c.phrase, []).append(c)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def stems(self) -> dict[str, tuple[tuple[str, bool, str], ...]]:
        """Stem cues by their first three letters (lower-cased): (stem, exact case, phrase), longest first."""
        out: dict[str, list[tuple[str, bool, str]]] = {}
        for p in sorted((p for p in self.by_phrase if p.endswith("*")), key=len, reverse=True):
            out.setdefault(p[:3].lower(), []).append((p[:-1], _exact_case(p), p))
        return {k: tuple(v) for k, v in out.items()}


def compile_cues(phrases: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any cue as whole words, longest first.

    The cues are laid out as a trie (``(?:arm(?:s(?: control)?|y)|…)``) so a
    position that starts no cue fails after a character or two: a flat
    alternation of a thousand phrases tries each one at every position, and
    was most of this stage's time. All-capital cues ("IS", "ICC") match with
    exact case, so "is" the verb does not read as Islamic State; the others
    ignore case. A space or hyphen in a cue matches either; a final ``*``
    any word ending.
    """
    every = set(phrases)
    exact = sorted(p for p in every if _exact_case(p))
    loose = sorted({p.lower() for p in every if not _exact_case(p)})
    parts = [f"(?i:{_trie_regex(loose)})" if loose else "", _trie_regex(exact) if exact else ""]
    body = "|".join(p for p in parts if p)
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w])") if body else re.compile(r"(?!x)x")


_END, _STEM = "\x00end", "\x00stem"


def _trie_regex(phrases: Sequence[str]) -> str:
    trie: dict[str, Any] = {}
    for p in phrases:
        node = trie
        for ch in p.rstrip("*"):
            node = node.setdefault("-" if ch in " -" else ch, {})
        node[_STEM if p.endswith("*") else _END] = True
    return _emit(trie)


def _emit(node: dict[str, Any]) -> str:
    # Longer continuations first and the end optional, so the longest cue wins;
    # the regex backtracks to a shorter one when a longer fails the word boundary.
    branches = []
    for ch in sorted((k for k in node if not k.startswith("\x00")), key=lambda k: (k != "-", k)):
        branches.append((r"[\s-]+" if ch == "-" else re.escape(ch)) + _emit(node[ch]))
    ends = [r"[\w'’-]*"] if _STEM in node else []
    if not branches:
        return ends[0] if ends else ""
    alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _STEM in node:
        return f"(?:{alt}|[\\w'’-]*)"
    return f"(?:{alt})?" if _END in node else alt


def _exact_case(phrase: str) -> bool:
    letters = [ch for ch in phrase if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


_SEPARATORS = re.compile(r"[\s-]+")


def cue_key(matched: str, lexicon: ContextLexicon) -> tuple[Cue, ...]:
    """The cues a matched text stands for (its exact, lower-cased, or stem form); remembered per text."""
    known = lexicon.keys_seen.get(matched)
    if known is None:
        known = lexicon.keys_seen[matched] = _cue_key(matched, lexicon)
    return known


def _cue_key(matched: str, lexicon: ContextLexicon) -> tuple[Cue, ...]:
    text = _SEPARATORS.sub(" ", matched)
    for key in (text, text.lower()):
        if key in lexicon.by_phrase:
            return lexicon.by_phrase[key]
    low = text.lower()
    for stem, exact, phrase in lexicon.stems.get(low[:3], ()):  # longest first: "militar*" before "mili*"
        if (text if exact else low).startswith(stem):
            return lexicon.by_phrase[phrase]
    return ()


# -- loading --------------------------------------------------------------
class _LineLoader(LineLoader):
    """dyad's data-file loader (``datafile.py``) that also remembers the line of
    each key (``__keys__``) and of each string (as ``_Str``), so an error names
    the exact line of a cue."""


class _Str(str):
    line: int = 0


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    out: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    out["__line__"] = node.start_mark.line + 1
    # The line of each key, so "warfare:" is named where it is written, not where its body starts.
    out["__keys__"] = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return out


def _key_line(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get("__keys__", {}).get(key, mapping.get("__line__", "?"))


_META = ("__line__", "__keys__")


def _scalar(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    value = loader.construct_yaml_str(node)
    s = _Str(value)
    s.line = node.start_mark.line + 1
    return s


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _scalar)


def _strings(value: Any, where: str, key: str) -> list[_Str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of words or phrases")
    return list(value)


def parse_context_lexicon(text: str, origin: str) -> dict[str, Any]:
    """The YAML as checked parts: cues, sectors, actors, types, crosswalk, settings."""
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise yaml_error(exc, origin) from exc
    doc = doc or {}
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}:1: a context lexicon is a mapping with 'contexts', 'crosswalk', 'settings'")
    unknown = set(doc) - TOP_KEYS - set(_META)
    if unknown:
        raise ConfigError(f"{origin}:{doc['__line__']}: unknown section(s) {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {"cues": [], "sectors": {}, "actors": {}, "types": {}, "crosswalk": {}, "settings": {}, "weights": None}
    if doc.get("weights") is not None:
        weights = doc["weights"]
        if not isinstance(weights, dict):
            raise ConfigError(f"{origin}:{doc['__line__']}: 'weights' must be a mapping (weights, threshold, max_contexts)")
        out["weights"] = (weights, f"{origin}:{weights['__line__']}")
    contexts = doc.get("contexts") or {}
    for name, entry in contexts.items():
        if name in _META:
            continue
        where = f"{origin}:{_key_line(contexts, name)}"
        if name not in GENERAL_CONTEXTS:
            raise ConfigError(f"{where}: {name!r} is not one of the manual's general contexts")
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: context {name!r} must be a mapping (strong, cues, topic, sectors, actors, types)")
        bad = set(entry) - ENTRY_KEYS - set(_META)
        if bad:
            raise ConfigError(
                f"{origin}:{_key_line(entry, sorted(bad)[0])}: unknown key(s) {', '.join(sorted(bad))} in {name!r}; "
                "allowed: strong, cues, topic, sectors, actors, types"
            )
        for key in CUE_KINDS:
            for phrase in _strings(entry.get(key), where, f"{name}.{key}"):
                clean = " ".join(phrase.split())
                if "*" in clean[:-1] or (clean.endswith("*") and len(clean) < 4):
                    raise ConfigError(f"{origin}:{getattr(phrase, 'line', '?')}: cue {clean!r}: '*' may only end a stem of 3+ letters")
                key_text = clean if _exact_case(clean) else clean.lower()
                out["cues"].append(Cue(key_text, name, key, f"{origin}:{getattr(phrase, 'line', '?')}"))
        for key in ("sectors", "actors", "types"):
            for code in _strings(entry.get(key), where, f"{name}.{key}"):
                if not re.fullmatch(r"[A-Z0-9_]+", code):
                    raise ConfigError(f"{origin}:{getattr(code, 'line', '?')}: {name}.{key}: {code!r} must be an upper-case code")
                out[key].setdefault(str(code), []).append(name)
    crosswalk = doc.get("crosswalk") or {}
    for old, new in crosswalk.items():
        if old in _META:
            continue
        if new not in GENERAL_CONTEXTS:
            raise ConfigError(f"{origin}:{_key_line(crosswalk, old)}: crosswalk maps {old!r} to {new!r}, not a general context")
        out["crosswalk"][str(old)] = str(new)
    settings = doc.get("settings") or {}
    for key, value in settings.items():
        if key in _META:
            continue
        if key not in SETTINGS or not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{origin}:{_key_line(settings, key)}: setting {key!r}={value!r}; known: {', '.join(SETTINGS)} (numbers ≥ 0)")
        out["settings"][key] = float(value)
    return out


def build_lexicon(parts: Iterable[dict[str, Any]]) -> ContextLexicon:
    """Merge parsed files in order: cues and codes add up, later settings win."""
    cues: list[Cue] = []
    maps: dict[str, dict[str, list[str]]] = {"sectors": {}, "actors": {}, "types": {}}
    crosswalk: dict[str, str] = {}
    settings = dict(SETTINGS)
    weights: tuple[dict[str, Any], str] = ({}, "")
    for p in parts:
        weights = p["weights"] or weights
        cues.extend(p["cues"])
        for key, table in maps.items():
            for code, names in p[key].items():
                table.setdefault(code, []).extend(n for n in names if n not in table.get(code, []))
        crosswalk.update(p["crosswalk"])
        settings.update(p["settings"])
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in cues:  # the first listing of a phrase for a context wins
        if (c.phrase, c.context) not in seen:
            seen.add((c.phrase, c.context))
            unique.append(c)
    frozen = {k: {code: tuple(v) for code, v in t.items()} for k, t in maps.items()}
    return ContextLexicon(tuple(unique), frozen["sectors"], frozen["actors"], frozen["types"], crosswalk, settings, *weights)


@functools.lru_cache(maxsize=8)
def load_context_lexicon(extra: tuple[Path, ...] = ()) -> ContextLexicon:
    """The packaged lexicon, with the user's files merged over it in order."""
    text = resources.files("dyad.contexts").joinpath("data/contexts.yaml").read_text(encoding="utf-8")
    parts = [parse_context_lexicon(text, "contexts.yaml")]
    for path in extra:
        try:
            user = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the context lexicon ({exc.strerror})") from exc
        parts.append(parse_context_lexicon(user, str(path)))
    return build_lexicon(parts)
