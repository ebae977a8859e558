"""Files and folders -> Articles.

What a file is, is decided by its extension:

* ``.txt``, ``.text``, ``.md``, ``.markdown``: plain text; a headline-like first line
  is also the title (it stays in the text);
* ``.html``, ``.htm``, ``.xhtml``: a web page, see :mod:`newsgraph.ingest.html`;
* ``.jsonl``, ``.ndjson``: many articles, see :mod:`newsgraph.ingest.jsonl`;
* anything else: read as plain text (or as HTML when it starts like a page) if it
  decodes as text, else it is binary.

Folders are walked recursively in sorted order. Hidden files and folders (a name
starting with ".") are skipped, and so are files of a known binary type and files of
an unknown type whose bytes are binary: a folder of articles usually has images or
PDFs beside them, and they are not errors. A README or LICENSE file describes the
folder rather than being an article, so it is skipped too. A binary file named
directly, or one that claims to be text by its extension, is an error.

:func:`read_article` raises; :func:`iter_articles` yields errors as values, so one bad
file does not stop a batch: whatever goes wrong while reading one input, however
unforeseen, becomes that input's InputError (see :mod:`newsgraph.ingest.failures`).

With ``max_chars`` (the analysis limit), a text longer than that is refused as soon
as it is decoded (a plain-text file many times too big, on its size alone), before
the costly normalisation, language detection and HTML extraction.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.build import article_from_text
from newsgraph.ingest.decode import binary_kind, decode_bytes
from newsgraph.ingest.failures import over_analysis_limit, reading_failed
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.jsonl import iter_jsonl
from newsgraph.model import Article

__all__ = ["DEFAULT_MAX_BYTES", "iter_articles", "read_article"]

log = logging.getLogger(__name__)

#: Files larger than this are refused: no news article is 5 MB of text.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Notes about a folder, not articles in it: skipped in folder walks (not when named directly).
FOLDER_NOTES = frozenset({"readme", "license", "licence"})
# Skipped in folders without reading them.
BINARY_SUFFIXES = frozenset(
    {
        ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".gz", ".bz2",
        ".xz", ".tar", ".7z", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".mp3",
        ".mp4", ".mov", ".avi", ".wav", ".db", ".sqlite", ".pyc", ".so", ".exe", ".bin",
    }
)  # fmt: skip


# No encoding newsgraph reads takes more than this many bytes for one character.
_MAX_BYTES_PER_CHAR = 4


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    if not path.exists():
        raise InputError(name, "no such file or folder")
    if not path.is_file():
        raise InputError(name, "not a regular file")
    try:
        size = path.stat().st_size
        if size <= max_bytes:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)  # a file growing meanwhile is not read past the limit
            size = max(size, len(data))
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise InputError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_bytes)")
    if not data.strip():
        raise InputError(name, "empty file")
    return data


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _read_single(path: Path, max_bytes: int, max_chars: int | None) -> Article:
    """Read a file holding one article (not JSON Lines)."""
    name = str(path)
    data = _read_bytes(path, max_bytes)
    suffix = path.suffix.lower()
    if max_chars is not None and suffix in TEXT_SUFFIXES and len(data) > _MAX_BYTES_PER_CHAR * max_chars:
        raise over_analysis_limit(name, max_chars)  # not even decoded
    text = decode_bytes(data, name)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        # The limit is on the extracted text, not on the markup: checked after extraction.
        return article_from_html(text, origin=name, max_chars=max_chars)
    return article_from_text(text, origin=name, guess_headline=True, max_chars=max_chars)


def read_article(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None
) -> Article:
    """Read the one article in ``path``; raise InputError naming the file and the reason.

    A JSON Lines file is accepted when it holds exactly one article. Folders are
    refused: use :func:`iter_articles` for them."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(str(path), "is a folder: use iter_articles to read many articles")
        if not (path.suffix.lower() in JSONL_SUFFIXES and path.is_file()):
            return _read_single(path, max_bytes, max_chars)
    except Exception as exc:
        raise reading_failed(str(path), exc) from exc
    results = list(iter_jsonl(path, max_bytes=max_bytes, max_chars=max_chars))
    if len(results) != 1:
        raise InputError(str(path), f"holds {len(results)} JSON lines, not one article: use iter_articles")
    if isinstance(results[0], InputError):
        raise results[0]
    return results[0]


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(root: Path) -> Iterator[Path]:
    """The readable files under ``root``, sorted, without hidden or binary ones."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or _is_hidden(path, root):
            continue
        suffix = path.suffix.lower()
        if path.stem.lower() in FOLDER_NOTES:
            log.debug("skipping %s: notes about the folder", path)
            continue
        if suffix in BINARY_SUFFIXES:
            log.debug("skipping %s: binary file type", path)
            continue
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES and _sniff_binary(path):
            log.debug("skipping %s: binary content", path)
            continue
        yield path


def _sniff_binary(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return binary_kind(handle.read(8192)) is not None
    except OSError:
        return False  # let the reader report why it cannot be read


def _iter_path(path: Path, max_bytes: int, max_chars: int | None) -> Iterator[Article | InputError]:
    try:
        jsonl = path.suffix.lower() in JSONL_SUFFIXES and path.is_file()
        article = None if jsonl else _read_single(path, max_bytes, max_chars)
    except Exception as exc:  # whatever it is, it is about this one file
        yield reading_failed(str(path), exc)
        return
    if article is None:
        yield from iter_jsonl(path, max_bytes=max_bytes, max_chars=max_chars)  # guards each line itself
    else:
        yield article


def _iter_entry(path: Path, max_bytes: int, max_chars: int | None) -> Iterator[Article | InputError]:
    try:
        files = None
        if path.is_dir():
            os.scandir(path).close()  # a folder that cannot be listed says so (rglob would not)
            files = list(_folder_files(path))
    except Exception as exc:  # a name too long, a folder that cannot be listed...
        yield reading_failed(str(path), exc)
        return
    if files is None:
        yield from _iter_path(path, max_bytes, max_chars)
        return
    if not files:
        log.warning("%s: folder holds no readable files", path)
    for file in files:
        yield from _iter_path(file, max_bytes, max_chars)


def iter_articles(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None
) -> Iterator[Article | InputError]:
    """Yield every article in ``paths`` (files, folders, JSON Lines), in order.

    Problems are yielded as InputError values, not raised, so the caller can report
    them and carry on with the rest of the batch. ``max_bytes`` bounds a file (a line
    of JSON Lines); ``max_chars`` an article's text (pass the analysis limit)."""
    for entry in paths:
        yield from _iter_entry(Path(entry), max_bytes, max_chars)
