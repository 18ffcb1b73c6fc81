"""Language model loading and document-level NLP helpers."""

from dyad.nlp.model import load_model

__all__ = ["load_model"]
