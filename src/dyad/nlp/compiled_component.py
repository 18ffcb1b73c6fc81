"""A stock spaCy component with a compiled fast path beside it (``nlp/attributes.py``,
``nlp/lemmas.py``): saved, loaded, initialised and scored as the stock component is,
so a pipeline that holds the fast one serialises exactly as the shipped model; a load
or initialisation rebuilds the fast path from the stock component's data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Self, cast

from spacy.util import SimpleFrozenList


class CompiledComponent:
    """Subclasses set ``self.stock`` (the spaCy component) and build their fast path in ``compile``."""

    stock: Any

    def compile(self) -> None:
        raise NotImplementedError

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, **kwargs: Any) -> None:
        self.stock.initialize(get_examples, **kwargs)
        self.compile()

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        return cast(dict[str, Any], self.stock.score(examples, **kwargs))

    def to_bytes(self, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        return cast(bytes, self.stock.to_bytes(exclude=exclude))

    def from_bytes(self, data: bytes, exclude: Iterable[str] = SimpleFrozenList()) -> Self:
        self.stock.from_bytes(data, exclude=exclude)
        self.compile()
        return self

    def to_disk(self, path: str | Path, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        self.stock.to_disk(path, exclude=exclude)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = SimpleFrozenList()) -> Self:
        self.stock.from_disk(path, exclude=exclude)
        self.compile()
        return self
