"""Giving the elements of a publisher's XHTML page the ids its narration points at.

A page's narrated units are its leaf blocks (paragraphs, headings, list items, cells,
captions... that hold text and no other block), outside navigation, asides, notes and
hidden content. A unit keeps the block's own id, or gets a new one. A block of plain text
(no child element) with several sentences has each sentence wrapped in a
``<span id="...">``; a block with inline markup (links, emphasis) is one unit, so that
its markup is never cut. Nothing else of the page changes, except the link to the
highlighting style sheet and, for an EPUB 2 page, its DOCTYPE (EPUB 3 is HTML5).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from exporter.parsers.epub_input import EPUB_NS, XHTML_NS, parse_xml
from exporter.text.sentences import split_sentences
from exporter.xmlutil import local_name

_BLOCKS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "figcaption",
        "caption",
        "td",
        "th",
        "blockquote",
        "div",
        "pre",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SKIPPED = frozenset({"nav", "aside", "script", "style", "head", "template", "math", "svg"})
_SKIPPED_TYPES = frozenset({"footnote", "endnote", "rearnote", "note", "toc", "pagebreak"})
HTML5_DOCTYPE = "<!DOCTYPE html>"


@dataclass(frozen=True, kw_only=True, slots=True)
class Unit:
    """One element read aloud."""

    element_id: str
    text: str
    #: Units of one block share it (sentences of one paragraph).
    block: int
    heading: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class MarkedPage:
    content: bytes
    units: tuple[Unit, ...]
    #: For every element id of the page, the index of the first unit at or after it.
    anchors: dict[str, int]


def _skipped(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        kinds = set(str(node.get(f"{{{EPUB_NS}}}type", "")).split())
        if local_name(node) in _SKIPPED or kinds & _SKIPPED_TYPES or node.get("hidden") is not None:
            return True
    return False


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _leaf_blocks(root: etree._Element) -> list[etree._Element]:
    leaves = []
    for element in root.iter(f"{{{XHTML_NS}}}*"):
        if local_name(element) not in _BLOCKS or not _text(element):
            continue
        if any(local_name(inner) in _BLOCKS for inner in element.iterdescendants()):
            continue
        if not _skipped(element):
            leaves.append(element)
    return leaves


class _Ids:
    def __init__(self, root: etree._Element, prefix: str) -> None:
        self.taken = {str(e.get("id")) for e in root.iter() if e.get("id") is not None}
        self.prefix = prefix
        self.count = 0

    def new(self) -> str:
        while True:
            self.count += 1
            candidate = f"{self.prefix}{self.count}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate


def _wrap_sentences(block: etree._Element, sentences: list[str], ids: _Ids) -> list[str]:
    block.text = None
    made = []
    for number, sentence in enumerate(sentences):
        span = etree.SubElement(block, f"{{{XHTML_NS}}}span", id=ids.new())
        span.text = sentence
        span.tail = " " if number + 1 < len(sentences) else None
        made.append(str(span.get("id")))
    return made


def _link_stylesheet(root: etree._Element, href: str) -> None:
    head = root.find(f"{{{XHTML_NS}}}head")
    if head is not None:
        etree.SubElement(
            head, f"{{{XHTML_NS}}}link", rel="stylesheet", type="text/css", href=href
        ).tail = "\n"


def mark_page(
    page: bytes, *, source: str, prefix: str, stylesheet_href: str, html5: bool
) -> MarkedPage:
    """The page with ids on its narrated units (see the module's description)."""
    tree = parse_xml(page, source, source).getroottree()
    root = tree.getroot()
    ids = _Ids(root, prefix)
    units: list[Unit] = []
    marked: set[etree._Element] = set()
    for number, block in enumerate(_leaf_blocks(root)):
        heading = local_name(block) in _HEADINGS
        text = _text(block)
        sentences = split_sentences(text)
        if len(block) == 0 and len(sentences) > 1 and not heading:
            for element_id, sentence in zip(
                _wrap_sentences(block, sentences, ids), sentences, strict=True
            ):
                units.append(Unit(element_id=element_id, text=sentence, block=number))
            marked.update(block)
            continue
        if block.get("id") is None:
            block.set("id", ids.new())
        units.append(
            Unit(element_id=str(block.get("id")), text=text, block=number, heading=heading)
        )
        marked.add(block)
    anchors: dict[str, int] = {}
    seen = 0
    for element in root.iter():
        if element.get("id") is not None:
            anchors.setdefault(str(element.get("id")), seen)
        if element in marked:
            seen += 1
    _link_stylesheet(root, stylesheet_href)
    doctype = HTML5_DOCTYPE if html5 or not tree.docinfo.doctype else tree.docinfo.doctype
    content = etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype=doctype)
    return MarkedPage(content=bytes(content), units=tuple(units), anchors=anchors)
