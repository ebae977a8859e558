"""The exceptions newsgraph raises.

    NewsgraphError              root: catch this to catch everything below
    +-- InputError              an input could not be read as an article (names the input and the reason)
    +-- ModelError              a spaCy pipeline or a shipped model could not be loaded
    +-- StoreError              the store could not be opened, migrated or written
    |   +-- StoreNotWritable    the store takes no more writes (disk full, read-only): stop writing
    +-- NotFound                a query named something the store does not hold
    +-- ExportError             an export cannot be written (unknown format, optional package missing)
    +-- EngineError             a parallel engine could not start (Ray missing, no cluster at the address)
        +-- WorkerLost          a worker process died (killed, out of memory) with articles in flight

The library raises these; the CLI and the web layer turn them into messages and exit codes.
"""

from __future__ import annotations

__all__ = [
    "EngineError",
    "ExportError",
    "InputError",
    "ModelError",
    "NewsgraphError",
    "NotFound",
    "StoreError",
    "StoreNotWritable",
    "WorkerLost",
]


class NewsgraphError(Exception):
    """Root of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input (file, line, URL) could not be turned into an article."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:  # rebuilt from its two parts when it crosses a process boundary
        return (type(self), (self.source, self.reason))


class ModelError(NewsgraphError):
    """A language pipeline or model file could not be loaded."""


class StoreError(NewsgraphError):
    """The store could not be opened, migrated or written."""


class StoreNotWritable(StoreError):
    """A write failed in a way the next one would too (full disk, size limit, read-only
    file): a batch should stop rather than fail every remaining article the same way."""


class NotFound(NewsgraphError):
    """A query asked for something the store does not hold."""


class ExportError(NewsgraphError):
    """An export cannot be written: an unknown format, or the optional package it needs is missing."""


class EngineError(NewsgraphError):
    """A parallel engine could not start: its package is missing or its cluster cannot be reached."""


class WorkerLost(EngineError):
    """A worker process died (killed, out of memory) while articles were in flight: what was
    stored stays stored, and running the same ingest again resumes after it."""
