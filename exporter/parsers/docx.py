"""Word documents (.docx), converted by mammoth (a maintained .docx-to-HTML converter).

Mammoth maps the document's styles to HTML: "Heading 1"–"Heading 6" become ``<h1>``–
``<h6>`` (sections), "Title" the title, "Subtitle" a standfirst paragraph; lists and
tables are kept. The HTML is then read by the plain HTML parser, after each table row is
turned into one paragraph whose cells are separated by semicolons (read aloud row by
row). The author, title and dates of the document's properties (``docProps/core.xml``)
become the article's metadata. Images, comments and tracked deletions are left out.
"""

from __future__ import annotations

import io
import logging
import zipfile

from bs4 import BeautifulSoup
from lxml import etree

from exporter.errors import BinaryInputError, InputError, InputTooLargeError
from exporter.model import Metadata
from exporter.parsers import RawArticle, register_binary_parser
from exporter.parsers.cleaning import clean_inline

log = logging.getLogger(__name__)

_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Titre'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Sous-titre'] => p:fresh
"""
#: A .docx holds compressed XML; refuse archives that would expand past this (zip bombs).
_MAX_EXPANDED = 200_000_000
_CORE = "docProps/core.xml"
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}


def _open(data: bytes, source: str) -> zipfile.ZipFile:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise BinaryInputError(
            source,
            "this is an old Word document (.doc), not a .docx",
            hint="Open it in Word or LibreOffice and save it as .docx.",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise InputError(source, "not a Word document (.docx): not a zip archive") from error
    if "word/document.xml" not in archive.namelist():
        raise InputError(source, "not a Word document (.docx): it has no word/document.xml")
    expanded = sum(info.file_size for info in archive.infolist())
    if expanded > _MAX_EXPANDED:
        raise InputTooLargeError(source, f"the document expands to {expanded:,} bytes")
    return archive


def _core_properties(archive: zipfile.ZipFile) -> tuple[str, Metadata]:
    try:
        root = etree.fromstring(archive.read(_CORE))
    except (KeyError, etree.XMLSyntaxError):
        return "", Metadata()

    def value(path: str) -> str:
        found = root.find(path, _NS)
        return clean_inline(found.text or "") if found is not None else ""

    date = value("dcterms:created")[:10] or value("dcterms:modified")[:10]
    return value("dc:title"), Metadata(
        author=value("dc:creator"), date=date, description=value("dc:description")
    )


def _rows_as_paragraphs(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for row in soup.find_all("tr"):
        cells = [clean_inline(cell.get_text(" ")) for cell in row.find_all(["td", "th"])]
        paragraph = soup.new_tag("p")
        paragraph.string = " ; ".join(cell for cell in cells if cell)
        row.replace_with(paragraph)
    for table in soup.find_all("table"):
        table.unwrap()
    return str(soup)


class DocxParser:
    name = "docx"
    extensions: tuple[str, ...] = (".docx",)

    def parse_bytes(self, data: bytes, source: str) -> RawArticle:
        import mammoth

        from exporter.parsers.html import HtmlParser

        archive = _open(data, source)
        core_title, metadata = _core_properties(archive)
        try:
            result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP)
        except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
            raise InputError(source, f"unreadable Word document ({error})") from error
        for message in result.messages:
            log.debug("%s: %s", source, message)
        raw = HtmlParser().parse(f"<html><body>{_rows_as_paragraphs(result.value)}</body></html>")
        return RawArticle(
            title=raw.title or core_title, blocks=raw.blocks, metadata=metadata, language=""
        )


register_binary_parser("docx", DocxParser, DocxParser.extensions)
