"""Reading an existing EPUB (2 or 3) to narrate it: its package, reading order, navigation.

The book is read straight from its zip archive, never rewritten by a library: what the
publisher wrote (XHTML, CSS, images, navigation) is kept byte for byte, except what
narration needs (see :mod:`exporter.epub_input`). This module finds the package document
(``META-INF/container.xml``), its metadata, the spine's XHTML documents and the table of
contents, flattened in reading order: the EPUB 3 navigation document's ``toc`` or, in an
EPUB 2, the NCX's ``navMap``.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag

from lxml import etree

from exporter.errors import InputError, InputTooLargeError
from exporter.model import Metadata
from exporter.xmlutil import EPUB_CONTAINER, epub_package_path

OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XHTML_TYPE = "application/xhtml+xml"
#: Refuse archives that would expand past this (zip bombs).
MAX_EXPANDED = 500_000_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True, kw_only=True, slots=True)
class ManifestItem:
    id: str
    #: Path inside the archive.
    path: str
    media_type: str
    properties: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class NavEntry:
    label: str
    #: Archive path of the document it points to, and the fragment (element id) or "".
    path: str
    fragment: str
    depth: int


@dataclass(frozen=True, kw_only=True, slots=True)
class EpubBook:
    archive: bytes
    opf_path: str
    version: str
    title: str
    language: str
    metadata: Metadata
    items: tuple[ManifestItem, ...]
    #: Archive paths of the spine's XHTML documents, in reading order.
    spine: tuple[str, ...]
    nav: tuple[NavEntry, ...]

    @property
    def opf_dir(self) -> str:
        return posixpath.dirname(self.opf_path)

    @property
    def is_epub3(self) -> bool:
        return self.version.startswith("3")

    def read(self, path: str) -> bytes:
        with zipfile.ZipFile(io.BytesIO(self.archive)) as archive:
            return archive.read(path)

    def item_for(self, path: str) -> ManifestItem:
        return next(item for item in self.items if item.path == path)


def parse_xml(data: bytes, source: str, what: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise InputError(source, f"{what} is not well-formed XML ({error})") from error


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _resolve(base_path: str, href: str) -> tuple[str, str]:
    target, fragment = urldefrag(href)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base_path), unquote(target)))
    return (path if target else base_path), fragment


def read_epub(data: bytes, source: str) -> EpubBook:
    """The package of the EPUB in ``data``; raise :class:`InputError` saying what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise InputError(source, "not an EPUB: not a zip archive") from error
    with archive:
        names = set(archive.namelist())
        expanded = sum(info.file_size for info in archive.infolist())
        if expanded > MAX_EXPANDED:
            raise InputTooLargeError(source, f"the book expands to {expanded:,} bytes")
        if EPUB_CONTAINER not in names:
            raise InputError(source, f"not an EPUB: no {EPUB_CONTAINER}")
        if "META-INF/encryption.xml" in names:
            raise InputError(
                source, "the book is encrypted (DRM or obfuscated fonts): it cannot be narrated"
            )
        container = parse_xml(archive.read(EPUB_CONTAINER), source, "container.xml")
        opf_path = epub_package_path(container)
        if opf_path not in names:
            raise InputError(source, "not an EPUB: its package document is missing")
        opf = parse_xml(archive.read(opf_path), source, opf_path)
        items = tuple(
            ManifestItem(
                id=str(item.get("id", "")),
                path=_resolve(opf_path, str(item.get("href", "")))[0],
                media_type=str(item.get("media-type", "")),
                properties=str(item.get("properties", "")),
            )
            for item in opf.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item")
        )
        if any(item.media_type == "application/smil+xml" for item in items) or any(
            item.media_type.startswith("audio/") for item in items
        ):
            raise InputError(
                source,
                "the book already has audio",
                hint="Give an EPUB without narration (exporter narrates text-only books).",
            )
        by_id = {item.id: item for item in items}
        spine_element = opf.find(f"{{{OPF_NS}}}spine")
        spine = tuple(
            by_id[ref].path
            for itemref in (spine_element if spine_element is not None else ())
            if (ref := str(itemref.get("idref", ""))) in by_id
            and by_id[ref].media_type == XHTML_TYPE
            and itemref.get("linear", "yes") != "no"
        )
        if not spine:
            raise InputError(source, "the book has no XHTML document in its reading order")
        missing = [path for path in spine if path not in names]
        if missing:
            raise InputError(source, f"the book lacks {missing[0]}, listed in its package")
        version = str(opf.get("version", "2.0"))
        nav = _nav_entries(archive, items, spine_element, by_id, version, source)
    metadata_element = opf.find(f"{{{OPF_NS}}}metadata")

    def dc(name: str) -> str:
        if metadata_element is None:
            return ""
        return _text(metadata_element.find(f"{{{DC_NS}}}{name}"))

    title = dc("title")
    metadata = Metadata(
        author=dc("creator"),
        publisher=dc("publisher"),
        date=dc("date")[:10],
        description=dc("description"),
        source=dc("source") or dc("identifier"),
    )
    return EpubBook(
        archive=data,
        opf_path=opf_path,
        version=version,
        title=title,
        language=(dc("language") or "fr").split("-")[0].lower(),
        metadata=metadata,
        items=items,
        spine=spine,
        nav=nav,
    )


def _nav_entries(
    archive: zipfile.ZipFile,
    items: tuple[ManifestItem, ...],
    spine: etree._Element | None,
    by_id: dict[str, ManifestItem],
    version: str,
    source: str,
) -> tuple[NavEntry, ...]:
    nav_item = next((item for item in items if "nav" in item.properties.split()), None)
    if version.startswith("3") and nav_item is not None:
        root = parse_xml(archive.read(nav_item.path), source, nav_item.path)
        for nav in root.iter(f"{{{XHTML_NS}}}nav"):
            if "toc" in str(nav.get(f"{{{EPUB_NS}}}type", "")).split():
                ol = nav.find(f"{{{XHTML_NS}}}ol")
                return tuple(_html_entries(ol, nav_item.path, 1)) if ol is not None else ()
    ncx_item = by_id.get(str(spine.get("toc", ""))) if spine is not None else None
    if ncx_item is not None:
        root = parse_xml(archive.read(ncx_item.path), source, ncx_item.path)
        nav_map = root.find(f"{{{NCX_NS}}}navMap")
        return tuple(_ncx_entries(nav_map, ncx_item.path, 1)) if nav_map is not None else ()
    return ()


def _html_entries(ol: etree._Element, base: str, depth: int) -> list[NavEntry]:
    entries = []
    for li in ol.iterfind(f"{{{XHTML_NS}}}li"):
        link = li.find(f"{{{XHTML_NS}}}a")
        if link is not None and link.get("href"):
            path, fragment = _resolve(base, str(link.get("href")))
            entries.append(NavEntry(label=_text(link), path=path, fragment=fragment, depth=depth))
        child = li.find(f"{{{XHTML_NS}}}ol")
        if child is not None:
            entries.extend(_html_entries(child, base, depth + 1))
    return entries


def _ncx_entries(parent: etree._Element, base: str, depth: int) -> list[NavEntry]:
    entries = []
    for point in parent.iterfind(f"{{{NCX_NS}}}navPoint"):
        content = point.find(f"{{{NCX_NS}}}content")
        label = _text(point.find(f"{{{NCX_NS}}}navLabel"))
        if content is not None and content.get("src"):
            path, fragment = _resolve(base, str(content.get("src")))
            entries.append(NavEntry(label=label, path=path, fragment=fragment, depth=depth))
        entries.extend(_ncx_entries(point, base, depth + 1))
    return entries
