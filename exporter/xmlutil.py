"""Small helpers for reading XML with lxml."""

from __future__ import annotations

from lxml import etree


def local_name(node: etree._Element) -> str:
    """The tag of ``node`` without its namespace; "" for comments and processing
    instructions (their ``tag`` is not a string)."""
    return str(etree.QName(node).localname) if isinstance(node.tag, str) else ""


#: The file every EPUB holds that names its package document.
EPUB_CONTAINER = "META-INF/container.xml"


def epub_package_path(container: etree._Element) -> str:
    """The package document's path that an EPUB's ``container.xml`` names ("" when none)."""
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    return str(rootfile.get("full-path", "")) if rootfile is not None else ""
