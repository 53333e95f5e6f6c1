"""Writing the narrated EPUB 3: the publisher's files, plus Media Overlays.

The new archive holds every entry of the original, in its order and byte for byte, except

- the spine's XHTML documents, replaced by their marked versions (ids on the narrated
  units, a link to the highlighting style sheet; :mod:`exporter.epub_input.marking`);
- the package document: version 3.0, ``xml:lang``, ``dcterms:modified``, one SMIL
  document and one MP3 per narrated page, ``media-overlay`` on their items, the overlay
  durations, the active class and narrator, and the schema.org accessibility metadata
  completed (what the publisher declared is kept; what narration adds is added);
- for an EPUB 2, also: the ``opf:`` attributes EPUB 3 no longer allows are dropped, and a
  navigation document is made from the NCX (which stays, for older reading systems).

The SMIL documents, audio and style sheet sit beside the package document. The SMIL and
audio encoding are the article EPUB's own (:mod:`exporter.exporters.epub.overlays`).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from lxml import etree

from exporter.epub_input.plan import STYLESHEET_NAME, EpubPlan
from exporter.exporters.epub.overlays import (
    ACTIVE_CLASS,
    MP3_MEDIA_TYPE,
    SMIL_MEDIA_TYPE,
    Overlay,
    cut_pages,
    encode_pages,
    smil_document,
)
from exporter.exporters.epub.plan import modification_time
from exporter.fsutil import atomic_path
from exporter.narration.model import Narration
from exporter.parsers.epub_input import DC_NS, OPF_NS, XHTML_NS, EpubBook, NavEntry
from exporter.text.dates import clock

NAV_NAME = "exporter-nav.xhtml"
_OPF = f"{{{OPF_NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SUMMARY = (
    "Livre numérique dont tout le texte est lu à voix haute par une voix de synthèse, "
    "synchronisée avec le texte (Media Overlays)."
)


def overlays_for(plan: EpubPlan, narration: Narration, book: EpubBook) -> list[Overlay]:
    """Cut the book's narration into one encoded overlay per narrated page."""
    pages = cut_pages(narration, [(page.uid, page.clips) for page in plan.pages if page.clips])
    files = {page.uid: posixpath.relpath(page.path, book.opf_dir or ".") for page in plan.pages}
    return encode_pages(pages, files)


def _active_rule() -> bytes:
    css = resources.files("exporter.exporters.epub").joinpath("epub.css").read_text("utf-8")
    match = re.search(rf"\.{re.escape(ACTIVE_CLASS)}\s*\{{[^}}]*\}}", css)
    return (match.group(0) if match else f".{ACTIVE_CLASS} {{ background: #fff2a8; }}").encode()


def _meta(metadata: etree._Element, prop: str, value: str, refines: str = "") -> None:
    meta = etree.SubElement(metadata, f"{_OPF}meta", property=prop)
    if refines:
        meta.set("refines", refines)
    meta.text = value
    meta.tail = "\n    "


def _declared(metadata: etree._Element, prop: str) -> set[str]:
    return {
        (meta.text or "").strip()
        for meta in metadata.iterfind(f"{_OPF}meta")
        if meta.get("property") == prop
    }


def _complete_accessibility(metadata: etree._Element, *, has_nav: bool) -> None:
    wanted = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "auditory"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessModeSufficient", "auditory"),
        ("schema:accessibilityFeature", "synchronizedAudioText"),
        *([("schema:accessibilityFeature", "tableOfContents")] if has_nav else []),
    ]
    for prop, value in wanted:
        if value not in _declared(metadata, prop):
            _meta(metadata, prop, value)
    if not _declared(metadata, "schema:accessibilityHazard"):
        _meta(metadata, "schema:accessibilityHazard", "unknown")
    if not _declared(metadata, "schema:accessibilitySummary"):
        _meta(metadata, "schema:accessibilitySummary", _SUMMARY)


def _epub3_metadata(metadata: etree._Element) -> None:
    """Drop what EPUB 2 allowed and EPUB 3 refuses: opf:* attributes on Dublin Core."""
    for element in metadata:
        for name in [n for n in element.attrib if str(n).startswith(_OPF)]:
            del element.attrib[name]


def rewrite_package(
    book: EpubBook, overlays: Sequence[Overlay], *, narrator: str, nav_added: bool
) -> bytes:
    root = etree.fromstring(book.read(book.opf_path))
    root.set("version", "3.0")
    if root.get(_XML_LANG) is None:
        root.set(_XML_LANG, book.language)
    metadata = root.find(f"{_OPF}metadata")
    manifest = root.find(f"{_OPF}manifest")
    if metadata is None or manifest is None:
        raise ValueError("package without metadata or manifest")
    if not book.is_epub3:
        _epub3_metadata(metadata)
    for meta in list(metadata.iterfind(f"{_OPF}meta")):
        if meta.get("property") in ("dcterms:modified", "media:duration", "media:active-class"):
            metadata.remove(meta)
    if metadata.find(f"{{{DC_NS}}}language") is None:
        etree.SubElement(metadata, f"{{{DC_NS}}}language").text = book.language
    _meta(metadata, "dcterms:modified", modification_time().strftime("%Y-%m-%dT%H:%M:%SZ"))
    total = sum(overlay.duration_ms for overlay in overlays)
    for overlay in overlays:
        _meta(metadata, "media:duration", clock(overlay.duration_ms), f"#{overlay.smil_uid}")
    _meta(metadata, "media:duration", clock(total))
    _meta(metadata, "media:active-class", ACTIVE_CLASS)
    if narrator and "media:narrator" not in {m.get("property") for m in metadata}:
        _meta(metadata, "media:narrator", narrator)
    _complete_accessibility(metadata, has_nav=bool(book.nav))
    by_href = {
        posixpath.normpath(posixpath.join(book.opf_dir, str(item.get("href")))): item
        for item in manifest.iterfind(f"{_OPF}item")
    }
    for overlay in overlays:
        page_path = posixpath.normpath(posixpath.join(book.opf_dir, overlay.page_file))
        by_href[page_path].set("media-overlay", overlay.smil_uid)
        _item(manifest, overlay.smil_uid, overlay.smil_file, SMIL_MEDIA_TYPE)
        _item(manifest, overlay.audio_uid, overlay.audio_file, MP3_MEDIA_TYPE)
    _item(manifest, "exporter-overlays-css", STYLESHEET_NAME, "text/css")
    if nav_added:
        _item(manifest, "exporter-nav", NAV_NAME, "application/xhtml+xml", properties="nav")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _item(manifest: etree._Element, uid: str, href: str, media_type: str, **extra: str) -> None:
    item = etree.SubElement(manifest, f"{_OPF}item", id=uid, href=href, **extra)
    item.set("media-type", media_type)
    item.tail = "\n    "


def nav_document(book: EpubBook) -> bytes:
    """An EPUB 3 navigation document with the NCX's entries, nested as they were."""
    html = etree.Element(
        f"{{{XHTML_NS}}}html", nsmap={None: XHTML_NS, "epub": "http://www.idpf.org/2007/ops"}
    )
    html.set(_XML_LANG, book.language)
    html.set("lang", book.language)
    head = etree.SubElement(html, f"{{{XHTML_NS}}}head")
    etree.SubElement(head, f"{{{XHTML_NS}}}title").text = book.title or "Table des matières"
    body = etree.SubElement(html, f"{{{XHTML_NS}}}body")
    nav = etree.SubElement(body, f"{{{XHTML_NS}}}nav", id="toc")
    nav.set("{http://www.idpf.org/2007/ops}type", "toc")
    nav.set("role", "doc-toc")
    etree.SubElement(nav, f"{{{XHTML_NS}}}h1").text = "Table des matières"
    _nav_list(nav, list(book.nav), book.opf_dir, depth=book.nav[0].depth if book.nav else 1)
    return bytes(
        etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
    )


def _nav_list(parent: etree._Element, entries: list[NavEntry], base: str, depth: int) -> None:
    ol = etree.SubElement(parent, f"{{{XHTML_NS}}}ol")
    while entries and entries[0].depth >= depth:
        entry = entries.pop(0)
        li = etree.SubElement(ol, f"{{{XHTML_NS}}}li")
        href = posixpath.relpath(entry.path, base or ".")
        link = etree.SubElement(
            li, f"{{{XHTML_NS}}}a", href=href + (f"#{entry.fragment}" if entry.fragment else "")
        )
        link.text = entry.label or href
        if entries and entries[0].depth > entry.depth:
            _nav_list(li, entries, base, entries[0].depth)


def write_package(
    book: EpubBook,
    plan: EpubPlan,
    overlays: Sequence[Overlay],
    target: Path,
    *,
    narrator: str,
) -> None:
    """Write the narrated EPUB 3 at ``target`` (atomically)."""
    nav_added = not book.is_epub3 or not any("nav" in i.properties.split() for i in book.items)
    nav_added = nav_added and bool(book.nav)
    # A page with nothing read aloud (a navigation page in the spine) stays as it was.
    replaced = {page.path: page.marked.content for page in plan.pages if page.marked.units}
    replaced[book.opf_path] = rewrite_package(
        book, overlays, narrator=narrator, nav_added=nav_added
    )
    base = book.opf_dir
    added: list[tuple[str, bytes]] = [(posixpath.join(base, STYLESHEET_NAME), _active_rule())]
    if nav_added:
        added.append((posixpath.join(base, NAV_NAME), nav_document(book)))
    for overlay in overlays:
        added.append((posixpath.join(base, overlay.smil_file), smil_document(overlay)))
        added.append((posixpath.join(base, overlay.audio_file), overlay.audio))
    with atomic_path(target) as tmp:
        _write_zip(tmp, book, replaced, added)


def _write_zip(
    path: Path, book: EpubBook, replaced: dict[str, bytes], added: Iterable[tuple[str, bytes]]
) -> None:
    with (
        zipfile.ZipFile(io.BytesIO(book.archive)) as source,
        zipfile.ZipFile(path, "w") as out,
    ):
        out.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip", zipfile.ZIP_STORED)
        for info in source.infolist():
            if info.filename == "mimetype" or info.is_dir():
                continue
            data = replaced.get(info.filename)
            out.writestr(
                info,
                data if data is not None else source.read(info),
                compress_type=info.compress_type,
            )
        for name, data in added:
            stored = name.endswith(".mp3")
            out.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
