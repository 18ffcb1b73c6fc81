"""A faster drop-in for spaCy's ``attribute_ruler`` with exactly the same output.

The stock AttributeRuler runs a ``Matcher`` with ~180 patterns at every token,
although almost all of them are one token long and test plain values of TAG,
LOWER, DEP or IS_SPACE. Those are compiled here into checks over the token
attribute values that ``Matcher`` itself reads (``Doc.to_array`` calls the same
C accessor), indexed by TAG and LOWER so that a token only tests the few
patterns that can match it, and memoised on the token's tuple of values: the
result of a one-token pattern depends on nothing else. Every other pattern
(longer ones, operators, extensions, MORPH, fuzzy or numeric predicates) stays
in a small ``Matcher`` under its original key. The stock ruler's ``attrs``,
``indices`` and ``set_annotations`` write the attributes, so they are the stock
ones; ``match`` returns the list the stock ``match`` returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.nlp.compiled_component import CompiledComponent

NAME = "dyad_fast_attribute_ruler"
STOCK_NAME = "attribute_ruler"

# Attributes whose to_array value is the matcher's value and names a string.
_STRING_ATTRS = frozenset(
    IDS[a] for a in ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
)
# Boolean lexeme flags: only plain equality is compiled for these.
_FLAG_ATTRS = frozenset(
    IDS[a]
    for a in ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
              "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_STOP")
)
_TAG = IDS["TAG"]
_LOWER = IDS["LOWER"]
_ANY = -1  # index bucket for patterns without a constraint on that attribute
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class _Check:
    """One predicate on one attribute: kind is 'eq', 'in', 'not_in' or 'regex'."""

    attr: int
    kind: str
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _TokenRule:
    """Token ``step`` of compiled pattern ``seq`` (``length`` tokens) of ruler rule ``attr_id``."""

    attr_id: int
    key: int
    seq: int
    step: int
    length: int
    checks: tuple[_Check, ...]


@dataclass(frozen=True)
class _TokenHits:
    """What one token's attribute values satisfy: whole one-token rules, first and later steps of longer ones."""

    singles: tuple[tuple[int, int], ...]
    firsts: tuple[_TokenRule, ...]
    later: frozenset[tuple[int, int]]


# (column, True for eq/IN and False for NOT_IN, the IDs or None for a REGEX, the regex, its memo)
_ResidualCheck = tuple[int, bool, frozenset[int] | None, re.Pattern[str] | None, dict[int, bool]]


def _normalize_attr(name: Any) -> int | None:
    """Return the attribute ID the Matcher would use for a spec key, None if unsupported."""
    if not isinstance(name, str):
        return None
    upper = name.upper()
    upper = {"TEXT": "ORTH"}.get(upper, upper)
    attr = IDS.get(upper)
    return attr if attr in _STRING_ATTRS or attr in _FLAG_ATTRS else None


def _compile_value(attr: int, value: Any, vocab: Vocab) -> list[_Check] | None:
    """Translate one spec value the way ``matcher.pyx`` does; None if not supported."""
    is_flag = attr in _FLAG_ATTRS
    if isinstance(value, str):
        return None if is_flag else [_Check(attr, "eq", frozenset((vocab.strings.add(value),)))]
    if isinstance(value, bool | int):
        return [_Check(attr, "eq", frozenset((int(value),)))]
    if not isinstance(value, dict) or is_flag or not value:
        return None
    checks = []
    for pred, arg in value.items():
        pred = pred.upper() if isinstance(pred, str) else pred
        if pred in ("IN", "NOT_IN") and isinstance(arg, list | tuple) and all(isinstance(v, str | int) for v in arg):
            ids = frozenset(get_string_id(v) for v in arg)
            checks.append(_Check(attr, "in" if pred == "IN" else "not_in", ids))
        elif pred == "REGEX" and isinstance(arg, str):
            checks.append(_Check(attr, "regex", regex=re.compile(arg)))
        else:
            return None  # other predicates, nested REGEX/FUZZY: leave to the Matcher
    return checks


def _compile_spec(spec: Any, vocab: Vocab) -> tuple[_Check, ...] | None:
    """Return the checks of one token spec, or None if the Matcher must keep it.

    A spec with "OP", "_" or an unsupported attribute gives None, so only
    fixed-length patterns are compiled: such a pattern matches at ``i`` iff
    every token ``i + k`` satisfies spec ``k``, which is all the Matcher does.
    """
    if not isinstance(spec, dict) or not spec:
        return None
    checks: list[_Check] = []
    for name, value in spec.items():
        attr = _normalize_attr(name)
        compiled = _compile_value(attr, value, vocab) if attr is not None else None
        if compiled is None:
            return None
        checks.extend(compiled)
    return tuple(checks)


def _compile_pattern(pattern: Any, vocab: Vocab) -> list[tuple[_Check, ...]] | None:
    """Return the checks of each token of a fixed-length pattern, or None."""
    if not isinstance(pattern, list) or not pattern:
        return None
    specs = [_compile_spec(spec, vocab) for spec in pattern]
    return None if any(s is None for s in specs) else specs  # type: ignore[return-value]


def _index_check(rule: _TokenRule, attr: int) -> _Check | None:
    """The first eq/IN check of ``rule`` on ``attr``: the rule is indexed under its values."""
    for check in rule.checks:
        if check.attr == attr and check.kind in ("eq", "in"):
            return check
    return None


class FastAttributeRuler(CompiledComponent):
    """The stock ``AttributeRuler`` with its one-token patterns compiled to Python checks."""

    stock: AttributeRuler

    def __init__(self, ruler: AttributeRuler, name: str = STOCK_NAME) -> None:
        self.name = name
        self.stock = ruler
        self.vocab = ruler.vocab
        self.scorer: Callable[..., Any] | None = ruler.scorer
        self.compile()

    def compile(self) -> None:
        """(Re)build the compiled rules and the fallback Matcher from the stock ruler's patterns."""
        strings = self.vocab.strings
        self.rules: list[_TokenRule] = []
        self.matcher = Matcher(self.vocab, validate=self.stock.validate)
        self._seq_lengths: list[int] = []
        for attr_id in range(len(self.stock.attrs)):
            key = strings.add(str(attr_id))
            _, patterns = self.stock.matcher.get(key)
            compiled = [_compile_pattern(p, self.vocab) for p in patterns]
            # A key is compiled only if all its alternatives are, so the Matcher
            # and the compiled rules never report the same (key, start, end).
            if not compiled or any(c is None for c in compiled):
                self.matcher.add(key, patterns)
                continue
            for specs in compiled:
                assert specs is not None
                seq = len(self._seq_lengths)
                self._seq_lengths.append(len(specs))
                self.rules.extend(
                    _TokenRule(attr_id, key, seq, step, len(specs), checks) for step, checks in enumerate(specs)
                )
        self.columns = sorted({c.attr for r in self.rules for c in r.checks} | {_TAG, _LOWER})
        self._col = {attr: col for col, attr in enumerate(self.columns)}
        self._tag_col = self._col[_TAG]
        self._lower_col = self._col[_LOWER]
        # TAG value -> LOWER value -> rules with the checks the two keys do not imply.
        self._index: dict[int, dict[int, list[tuple[_TokenRule, tuple[_ResidualCheck, ...]]]]] = {}
        regex_memos: dict[re.Pattern[str], dict[int, bool]] = {}
        for rule in self.rules:
            tag_check = _index_check(rule, _TAG)
            lower_check = _index_check(rule, _LOWER)
            for tag in tag_check.values if tag_check else (_ANY,):
                by_lower = self._index.setdefault(tag, {})
                for lower in lower_check.values if lower_check else (_ANY,):
                    rest = tuple(
                        (self._col[c.attr], c.kind != "not_in", None, c.regex, regex_memos.setdefault(c.regex, {}))
                        if c.regex is not None
                        else (self._col[c.attr], c.kind != "not_in", c.values, None, {})
                        for c in rule.checks
                        if c is not tag_check and c is not lower_check
                    )
                    by_lower.setdefault(lower, []).append((rule, rest))
        self._cache: dict[tuple[int, ...], _TokenHits] = {}

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.stock.set_annotations(doc, self.match(doc))
            return doc
        except Exception as exc:
            # spaCy types the handler's component as Pipe; it only names it in the report
            return self.stock.get_error_handler()(self.name, self, [doc], exc)  # type: ignore[arg-type]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        self.stock.set_error_handler(error_handler)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Return sorted ``(attr_id, match_id, start, end)``, as ``AttributeRuler.match`` does."""
        matches: list[tuple[int, int, int, int]] = []
        if self.rules and len(doc):
            matches.extend(self._match_compiled(doc))
        if len(self.matcher):
            strings = self.vocab.strings
            for key, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                matches.append((int(strings[key]), key, start, end))
        matches.sort()
        return matches

    def _match_compiled(self, doc: Doc) -> Iterable[tuple[int, int, int, int]]:
        cache = self._cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        n = len(doc)
        rows = cast(list[list[int]], doc.to_array(self.columns).reshape(n, len(self.columns)).tolist())  # uint64 attribute ids
        singles: list[tuple[int, int, int, int]] = []
        later_steps: list[frozenset[tuple[int, int]]] = []
        starts: list[tuple[int, tuple[_TokenRule, ...]]] = []
        for i, row in enumerate(rows):
            values = tuple(row)
            hits = cache.get(values)
            if hits is None:
                hits = cache[values] = self._match_values(values)
            for attr_id, key in hits.singles:
                singles.append((attr_id, key, i, i + 1))
            if hits.firsts:
                starts.append((i, hits.firsts))
            later_steps.append(hits.later)
        if not starts:
            return singles
        # The Matcher reports a (key, start, end) once even when two
        # alternatives of the key match it; so does this set.
        longer: set[tuple[int, int, int, int]] = set()
        for i, firsts in starts:
            for rule in firsts:
                end = i + rule.length
                if end <= n and all((rule.seq, k) in later_steps[i + k] for k in range(1, rule.length)):
                    longer.add((rule.attr_id, rule.key, i, end))
        return singles + list(longer)

    def _match_values(self, values: tuple[int, ...]) -> _TokenHits:
        """Which compiled rules, and which steps of longer ones, a token with these values satisfies."""
        rules: list[_TokenRule] = []
        for tag_key in (values[self._tag_col], _ANY):
            by_lower = self._index.get(tag_key)
            if by_lower is None:
                continue
            for lower_key in (values[self._lower_col], _ANY):
                for rule, checks in by_lower.get(lower_key, ()):
                    for col, wanted, ids, regex, memo in checks:
                        if ids is not None:
                            if (values[col] in ids) is not wanted:
                                break
                        elif not self._search(regex, memo, values[col]):
                            break
                    else:
                        rules.append(rule)
        singles = sorted({(r.attr_id, r.key) for r in rules if r.length == 1})
        firsts = tuple(r for r in rules if r.length > 1 and r.step == 0)
        later = frozenset((r.seq, r.step) for r in rules if r.step > 0)
        return _TokenHits(tuple(singles), firsts, later)

    def _search(self, regex: re.Pattern[str] | None, memo: dict[int, bool], value: int) -> bool:
        """``re.search`` on the string of ``value``, as the Matcher's REGEX does; memoised per string ID."""
        hit = memo.get(value)
        if hit is None:
            if len(memo) > _CACHE_LIMIT:
                memo.clear()
            assert regex is not None
            hit = memo[value] = bool(regex.search(self.vocab.strings[value]))
        return hit

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        self.stock.set_annotations(doc, matches)

    @property
    def patterns(self) -> list[dict[str, Any]]:
        return self.stock.patterns

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict[str, Any], index: int = 0) -> None:
        self.stock.add(patterns, attrs, index)  # type: ignore[arg-type]
        self.compile()


@Language.factory(
    NAME,
    assigns=["token.tag", "token.pos", "token.morph", "token.lemma"],
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None
) -> FastAttributeRuler:
    """An empty fast ruler; its patterns come from ``from_disk``/``initialize`` or a stock ruler."""
    return FastAttributeRuler(AttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer), name)


def use_fast_attribute_ruler(nlp: Language) -> None:
    """Replace the active stock ``attribute_ruler`` of ``nlp`` in place by a FastAttributeRuler."""
    if STOCK_NAME not in nlp.pipe_names:
        return
    stock = nlp.get_pipe(STOCK_NAME)
    if not isinstance(stock, AttributeRuler) or not stock.attrs:
        return
    fast = nlp.replace_pipe(STOCK_NAME, NAME, config={"validate": stock.validate})
    assert isinstance(fast, FastAttributeRuler)
    fast.stock = stock  # keep the loaded patterns, attrs and indices of the stock ruler
    fast.scorer = stock.scorer
    fast.compile()
