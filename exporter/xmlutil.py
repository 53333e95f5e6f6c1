"""Small helpers for reading XML with lxml."""

from __future__ import annotations

from lxml import etree


def local_name(node: etree._Element) -> str:
    """The tag of ``node`` without its namespace; "" for comments and processing
    instructions (their ``tag`` is not a string)."""
    return str(etree.QName(node).localname) if isinstance(node.tag, str) else ""
