"""A faster drop-in for spaCy's rule lemmatizer, with exactly the same lemmas.

The stock ``Lemmatizer`` in rule mode tests every form a suffix rule makes
with ``form in index``, where the English index of a part of speech is a list
(57,528 nouns): a linear scan per form for every (word, tag, morphology) it has
not met before, which on new text made the lemmatizer cost more than the
tagger. It also calls Python per token for the words it has met. Here the index
lists are sets, and a token's lemma is memoised on (ORTH, POS, MORPH), the only
things ``rule_lemmatize`` reads of a token; the lemmas themselves come from the
stock ``rule_lemmatize`` (run on a copy of the component whose index tables
are sets), so the rules are spaCy's. As in the stock ``__call__``, a token whose
lemma is already set (by the attribute ruler) keeps it unless ``overwrite``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from dyad.nlp.compiled_component import CompiledComponent

NAME = "dyad_fast_lemmatizer"
STOCK_NAME = "lemmatizer"
INDEX_TABLE = "lemma_index"
# Distinct (word, tag, morphology) keys kept before the memo starts again.
MEMO_LIMIT = 300_000


class FastLemmatizer(CompiledComponent):
    """The stock rule ``Lemmatizer`` with set-valued index tables and a memo per (ORTH, POS, MORPH)."""

    stock: Lemmatizer

    def __init__(self, stock: Lemmatizer, name: str = STOCK_NAME) -> None:
        self.name = name
        self.stock = stock
        self.compile()

    def compile(self) -> None:
        """(Re)build the set-indexed copy of the stock component from its tables."""
        s = self.stock
        self.vocab = s.vocab
        self.scorer: Callable[..., Any] | None = s.scorer
        self.rules = type(s)(s.vocab, s.model, s.name, mode=s.mode, overwrite=s.overwrite, scorer=s.scorer)
        lookups = Lookups()
        for table_name in s.lookups.tables:
            table = s.lookups.get_table(table_name)
            if table_name == INDEX_TABLE:
                # keyed by the same string hashes; membership is all rule_lemmatize asks of a value
                table = Table(table_name, {key: frozenset(words) for key, words in table.items()})
            lookups.set_table(table_name, table)
        self.rules.lookups = lookups
        self._memo: dict[tuple[int, int, int], int] = {}

    @property
    def mode(self) -> str:
        return cast(str, self.stock.mode)

    def __call__(self, doc: Doc) -> Doc:
        try:
            self._lemmatize(doc)
            return doc
        except Exception as exc:
            # spaCy types the handler's component as Pipe; it only names it in the report
            return self.stock.get_error_handler()(self.name, self, [doc], exc)  # type: ignore[arg-type]

    def _lemmatize(self, doc: Doc) -> None:
        if not len(doc):
            return
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas: Any = rows[:, 3].copy()  # uint64 string ids, as to_array gives them
        memo, add, overwrite = self._memo, self.vocab.strings.add, self.stock.overwrite
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        set_here: set[int] = set()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = add(self.rules.lemmatize(doc[i])[0])
            lemmas[i] = found
            set_here.add(found)
        if doc.vocab is not self.vocab:  # the memo's lemmas are strings of the component's vocab
            for h in set_here:
                doc.vocab.strings.add(self.vocab.strings[h])
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        self.stock.set_error_handler(error_handler)


@Language.factory(
    NAME,
    assigns=["token.lemma"],
    default_config={"mode": "rule", "overwrite": False, "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
)
def make_fast_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool, scorer: Callable[..., Any] | None) -> FastLemmatizer:
    """A fast lemmatizer over an empty stock one; its tables come from ``from_disk``/``initialize`` or a stock lemmatizer."""
    stock = nlp.create_pipe(STOCK_NAME, name=name, config={"mode": mode, "overwrite": overwrite})
    return FastLemmatizer(cast(Lemmatizer, stock), name)


def use_fast_lemmatizer(nlp: Language) -> None:
    """Replace the active stock rule ``lemmatizer`` of ``nlp`` in place by a FastLemmatizer."""
    if STOCK_NAME not in nlp.pipe_names:
        return
    stock = nlp.get_pipe(STOCK_NAME)
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule" or not stock.lookups.has_table("lemma_rules"):
        return
    fast = nlp.replace_pipe(STOCK_NAME, NAME, config={"mode": stock.mode, "overwrite": stock.overwrite})
    assert isinstance(fast, FastLemmatizer)
    fast.stock = stock  # keep the loaded tables of the stock lemmatizer
    fast.compile()
