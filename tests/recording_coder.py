"""A coder for watch tests: codes nothing, keeps the articles it was given (after validation)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dyad.records import Article, CodedArticle


class RecordingCoder:
    def __init__(self) -> None:
        self.seen: list[Article] = []

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for a in articles:
            self.seen.append(a)
            yield CodedArticle(article=a, events=(), quotes=())
