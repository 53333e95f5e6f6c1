"""Reading an article file into text: size limit, binary detection, encoding detection."""

from __future__ import annotations

import codecs
import logging
import os
import stat
import unicodedata
from pathlib import Path

from exporter.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

log = logging.getLogger(__name__)

#: Far beyond any news article (a long one is 50 kB); refuses a mistaken multi-GB file.
DEFAULT_MAX_BYTES = 5_000_000
#: Word documents and EPUBs carry images and fonts beside their text: they may be this big
#: whatever the text limit (their expanded content is bounded by their readers).
CONTAINER_MAX_BYTES = 100_000_000

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats people drop by mistake into an input folder.
_BINARY_SIGNATURES = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"ID3",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"OggS",
    b"RIFF",
    b"\x1f\x8b",
)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is ("a named pipe (FIFO)"), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_article_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of ``path``, decoded; raise an :class:`InputError` saying why not."""
    return decode_article(read_article_bytes(path, max_bytes=max_bytes), path)


def read_article_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Return the bytes of ``path`` (at most ``max_bytes``); raise an :class:`InputError`.

    Only regular files are read: a FIFO or a device (``/dev/zero``) is refused before
    any read, and opening never blocks (a FIFO without a writer would wait forever).
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as error:
        raise InputError(path, "no such file") from error
    except OSError as error:
        raise InputError(path, f"cannot open the file ({error.strerror or error})") from error
    try:
        info = os.fstat(descriptor)
        kind = _not_regular(info.st_mode)
        if kind is not None:
            raise InputError(
                path,
                f"is {kind}, not a regular file",
                hint="Give the path of an article file (.txt, .md or .html).",
            )
        if info.st_size > max_bytes:
            raise InputTooLargeError(
                path, f"file is {info.st_size:,} bytes, above the limit of {max_bytes:,}"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except InputError:
        raise
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror or error})") from error
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew since fstat
        raise InputTooLargeError(path, f"file is above the limit of {max_bytes:,} bytes")
    if not data:
        raise EmptyInputError(path, "the file is empty")
    return data


def decode_article(data: bytes, path: Path | str) -> str:
    """Decode article bytes: BOM, then UTF-8, then UTF-16 without BOM, then a detector."""
    if not data:
        raise EmptyInputError(path, "the file is empty")
    if not data.strip():
        raise EmptyInputError(path, "the file contains only white space")
    text = _decode(data, path)
    text = unicodedata.normalize("NFC", text).lstrip("\ufeff")
    if not text.replace("\ufeff", "").replace("\u200b", "").strip():
        raise EmptyInputError(path, "the file contains only white space")
    if _control_ratio(text) > 0.05:
        raise BinaryInputError(path, "the file looks binary (control characters), not text")
    return text


def _decode(data: bytes, path: Path | str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise EncodingError(path, f"invalid {codec} after its byte-order mark") from error
    if data.startswith(_BINARY_SIGNATURES):
        raise BinaryInputError(path, "the file is binary (an image, archive, PDF or audio file)")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise BinaryInputError(path, "the file is binary (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise EncodingError(path, "the text encoding could not be recognised")
    log.info("%s: decoded as %s", path, best.encoding)
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM has a NUL in every other byte for Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0) / (len(data) / 2)
    odd_nuls = data[1::2].count(0) / (len(data) / 2)
    codec = "utf-16-le" if odd_nuls > 0.3 and even_nuls < 0.05 else None
    codec = "utf-16-be" if even_nuls > 0.3 and odd_nuls < 0.05 else codec
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _control_ratio(text: str) -> float:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f"
    )
    return controls / len(text)
