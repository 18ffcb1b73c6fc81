"""Batch runners: code a corpus into a store in one process, on all cores, or on a Dask cluster."""

from dyad.batch.dedup import NearDuplicateIndex
from dyad.batch.run import Coder, CorpusReport, code_corpus, run_coding

__all__ = ["Coder", "CorpusReport", "NearDuplicateIndex", "code_corpus", "run_coding"]
