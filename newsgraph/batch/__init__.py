"""Many articles in, one writer: reading, analysing and storing a batch."""

from newsgraph.batch.ingest import IngestSummary, ingest_paths

__all__ = ["IngestSummary", "ingest_paths"]
