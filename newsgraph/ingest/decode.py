"""Bytes -> str: deciding whether a file is text, and in which encoding.

The encodings tried, in order:

* a byte-order mark decides: UTF-8 with BOM, UTF-16 or UTF-32 (LE or BE);
* UTF-8, strictly;
* Windows-1252, which also reads ISO-8859-1 (Latin-1) text, the usual encoding of
  older Western European files. It is used only when the result looks like text:
  cp1252 maps almost every byte to some character, so without that check any binary
  file would "decode". Other legacy encodings (cp1256 Arabic, ISO-8859-x) are not
  guessed: a wrong guess would silently corrupt names, which is worse than an error.
  Bytes of those encodings read as cp1252 give mostly accented Latin letters, which
  is how they are told apart and refused.

A NUL byte outside a UTF-16/32 file means binary. So does a known file signature
(PDF, ZIP, images...), which also lets the error name what the file is.
"""

from __future__ import annotations

import codecs
import unicodedata

from newsgraph.errors import InputError

__all__ = ["binary_kind", "decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "Microsoft Office document"),
)

# At most this share of cp1252-decoded characters may be C0 controls (other than line
# breaks and tabs) before the bytes are called binary rather than text.
_MAX_ODD_SHARE = 0.02

# At most this share of the letters may be non-ASCII in text read as cp1252: French or
# German have well under a tenth; Arabic read through the wrong code page is nearly all.
_MAX_ACCENTED_SHARE = 0.3


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` starts like, or None for text-like bytes."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in data[:65536]:
        return "binary file (contains NUL bytes)"
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    if letters and accented / len(letters) > _MAX_ACCENTED_SHARE:
        # Arabic, Cyrillic or Greek legacy bytes read as cp1252 become runs of accented
        # Latin letters; Western European text never has that many.
        return False
    odd = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return odd / len(text) <= _MAX_ODD_SHARE


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes; raise InputError naming ``source`` when it is not text."""
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"not a text file: {kind}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    source,
                    f"undecodable text: has a {encoding} byte-order mark but {exc.reason} at byte {exc.start}",
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_text(text):
        return text
    raise InputError(
        source,
        f"undecodable text: not UTF-8 ({utf8_error}), UTF-16/32 with a byte-order mark, or Windows-1252",
    )
