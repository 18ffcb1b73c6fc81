"""Helpers the coder tests share: how a candidate's actor or recipient is written, and
sector-only mentions for words the test name table (conftest.py) does not know."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from dyad.coding import EventCoder
from dyad.records import Candidate, Entity, Mention


def codes_of(mentions: Sequence[Mention]) -> str:
    """"FRA" or "CHN,RUS": the country codes, sorted."""
    return ",".join(sorted({e.code or "" for m in mentions for e in m.entities}))


def codes_and_sectors_of(mentions: Sequence[Mention]) -> str:
    """"RUS/MIL" or "/CVL": code and sector of each entity, sorted."""
    return ",".join(sorted({f"{e.code or ''}{'/' + e.sector if e.sector else ''}" for m in mentions for e in m.entities}))


def with_sector_mentions(doc: Doc, mentions: Sequence[Mention], sectors: Mapping[str, str]) -> list[Mention]:
    """``mentions`` plus one sector-only mention per word of ``sectors`` that no mention covers
    (the real resolver gives these; the test name table does not)."""
    out = list(mentions)
    taken = {i for m in out for i in range(m.start_token, m.end_token)}
    for tok in doc:
        sector = sectors.get(tok.lower_)
        if sector and tok.i not in taken:
            out.append(Mention(tok.i, tok.i + 1, tok.i, (Entity(tok.text, sector=sector, kind="sector"),), tok.text))
    return out


def code_with_sectors(
    coder: EventCoder, nlp: Language, to_mentions: Callable[[Doc], list[Mention]], text: str, sectors: Mapping[str, str]
) -> list[Candidate]:
    """The coder's candidates for ``text``, parsed, with the test name table's mentions and
    sector-only mentions for the words of ``sectors``."""
    doc = nlp(text)
    return coder.code_doc(doc, with_sector_mentions(doc, to_mentions(doc), sectors))
