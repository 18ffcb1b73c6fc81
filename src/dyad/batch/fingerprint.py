"""The fingerprint of a coding configuration: what, besides an article's text, decides its events.

A stored article is skipped only when its text and this fingerprint are both
unchanged (``batch.run.code_corpus``): a new model version, an edited user
lexicon, actor or place file, a data plugin, other stages or options all
change the fingerprint, and the article is coded again.

It is computed without loading the model (the model's version comes from its
package metadata), so the process that writes the store need not load spaCy.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.pipeline import PipelineOptions


@functools.cache
def model_version(name: str | None) -> str:
    """'package==version' of the spaCy model ``name`` would load (None: the first installed)."""
    from dyad.nlp.model import MODEL_PACKAGES

    for pkg in (name,) if name else MODEL_PACKAGES:
        if importlib.util.find_spec(pkg) is None:
            continue
        dists = importlib.metadata.packages_distributions().get(pkg, [])
        versions = sorted({importlib.metadata.version(d) for d in dists})
        return f"{pkg}=={'/'.join(versions) or '?'}"
    return "no model"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:  # the Pipeline will report it; the fingerprint just differs
        return f"unreadable: {exc.__class__.__name__}"


def configuration_fingerprint(options: PipelineOptions) -> str:
    """16 hex digits that change whenever the configuration coding ``options`` would change."""
    from dyad.plugins import data_files

    extra = data_files()
    files = {
        kind: [_file_digest(Path(p)) for p in paths]
        for kind, paths in (
            ("lexicon", (*options.lexicon, *extra.lexicon)),
            ("actors", (*extra.actors, *options.actors)),
            ("places", (*options.places, *extra.places)),
        )
    }
    if "scorer" in options.stages:  # the learned scorer's model file: --model, else the shipped one
        from dyad.scoring.model import packaged_model_path

        files["scorer"] = [_file_digest(options.scorer_model or packaged_model_path())]
    if "contexts" in options.stages and options.context_model is not None:  # --context-model; the shipped ones go with dyad's version
        files["contexts"] = [_file_digest(options.context_model / name) for name in ("weights.json", "model.json")]
    limits = options.limits
    described = {
        "dyad": importlib.metadata.version("dyad-events"),
        "model": model_version(options.model),
        "files": files,
        "stages": list(options.stages),
        "min_confidence": options.min_confidence,
        "prefilter": options.prefilter,
        "selective_entities": options.selective_entities,
        # The limits that change what is parsed; batch size and byte limits do not.
        "max_sentence_tokens": limits.max_sentence_tokens,
        "max_token_chars": limits.max_token_chars,
        "section_chars": limits.section_chars,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]
