"""Parsers: article text (plain text, Markdown, HTML) to a :class:`~exporter.model.Document`.

Each parser turns text into a :class:`RawArticle` (a title and a flat list of heading and
paragraph blocks); :func:`exporter.parsers.structure.build_document` then splits sentences,
infers sections where the author wrote none, and assigns stable ids. Parsers register
themselves by format name and file extensions, as a plug-in would (entry-point group
``exporter.parsers``). A built-in parser's module is imported on its first use only
(:data:`BUILTIN_MODULES`): plain text reads no HTML or Word code; plug-ins are read when a
format or an extension is not a built-in one.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from exporter.errors import UnsupportedFormatError
from exporter.model import Document, Metadata
from exporter.parsers.reading import (
    CONTAINER_MAX_BYTES,
    DEFAULT_MAX_BYTES,
    read_article_bytes,
    read_article_text,
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Block:
    kind: Literal["heading", "paragraph"]
    text: str
    #: Heading level (1–6); 0 for paragraphs.
    level: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class RawArticle:
    title: str
    blocks: tuple[Block, ...]
    metadata: Metadata = field(default_factory=Metadata)
    #: The page's language ("fr"), when it says; "" leaves the document's default.
    language: str = ""


class Parser(Protocol):
    name: str
    extensions: tuple[str, ...]

    def parse(self, text: str) -> RawArticle: ...


class BinaryParser(Protocol):
    """A parser of a binary container (a Word document): given the file's bytes."""

    name: str
    extensions: tuple[str, ...]

    def parse_bytes(self, data: bytes, source: str) -> RawArticle: ...


_REGISTRY: dict[str, Callable[[], Parser]] = {}
_BINARY_REGISTRY: dict[str, Callable[[], BinaryParser]] = {}
_EXTENSIONS: dict[str, str] = {}

#: Built-in parsers: format name -> the module that registers it (imported on first use).
BUILTIN_MODULES = {
    "text": "exporter.parsers.plaintext",
    "markdown": "exporter.parsers.markdown",
    "html": "exporter.parsers.html",
    "webpage": "exporter.parsers.webpage",
    "docx": "exporter.parsers.docx",
}
#: The built-in formats by file extension (as their parsers declare when registered).
BUILTIN_EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
#: Extensions of the files that ``exporter build DIR`` picks up in a folder.
ARTICLE_EXTENSIONS = tuple(BUILTIN_EXTENSIONS)


def register_parser(name: str, factory: Callable[[], Parser], extensions: tuple[str, ...]) -> None:
    _REGISTRY[name] = factory
    for extension in extensions:
        _EXTENSIONS[extension] = name


def register_binary_parser(
    name: str, factory: Callable[[], BinaryParser], extensions: tuple[str, ...]
) -> None:
    _BINARY_REGISTRY[name] = factory
    for extension in extensions:
        _EXTENSIONS[extension] = name


@functools.cache
def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="exporter.parsers"):
        entry.load()  # a self-registering module


def _load(name: str) -> None:
    """Make sure the parser of format ``name`` is registered (built-in, else plug-in)."""
    if name in _REGISTRY or name in _BINARY_REGISTRY:
        return
    if name in BUILTIN_MODULES:
        importlib.import_module(BUILTIN_MODULES[name])
    else:
        _load_plugins()


def _format_of(extension: str) -> str | None:
    name = _EXTENSIONS.get(extension) or BUILTIN_EXTENSIONS.get(extension)
    if name is None and extension:
        _load_plugins()
        name = _EXTENSIONS.get(extension)
    return name


def detect_format(path: Path, text: str) -> str:
    """The format of an article: by extension, else by sniffing the text."""
    by_extension = _format_of(path.suffix.lower())
    head = text.lstrip()[:1000].lower()
    if by_extension == "html" or (
        not by_extension
        and (head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head)
    ):
        from exporter.parsers.webpage import looks_like_full_page

        # A site's whole page goes to the extractor; an article's own markup is read as is.
        return "webpage" if looks_like_full_page(text) else "html"
    if by_extension:
        return by_extension
    if path.suffix:
        raise UnsupportedFormatError(path, f"unknown file type '{path.suffix}'")
    return "text"


def get_parser(name: str) -> Parser:
    _load(name)
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise UnsupportedFormatError(name, "no parser for this format") from None


def parse_text(text: str, *, fmt: str = "text", source: str = "") -> Document:
    """Parse article ``text`` written in format ``fmt`` ("text", "markdown" or "html")."""
    from exporter.parsers.structure import build_document

    raw = get_parser(fmt).parse(text)
    return build_document(raw, source=source)


def parse_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and parse the article at ``path``."""
    from exporter.parsers.structure import build_document

    name = _format_of(path.suffix.lower())
    if name is not None:
        _load(name)
    binary = _BINARY_REGISTRY.get(name or "")
    if binary is not None:
        data = read_article_bytes(path, max_bytes=max(max_bytes, CONTAINER_MAX_BYTES))
        return build_document(binary().parse_bytes(data, path.name), source=path.name)
    text = read_article_text(path, max_bytes=max_bytes)
    raw = get_parser(detect_format(path, text)).parse(text)
    return build_document(raw, source=path.name)
