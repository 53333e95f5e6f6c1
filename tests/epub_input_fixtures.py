"""Text-only EPUBs made for the tests: an EPUB 3 written by ebooklib with a nested table of
contents, and an EPUB 2 (OPF 2.0, NCX, XHTML 1.1) written by hand as older tools did."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ebooklib import epub
from PIL import Image

CHAPTERS = {
    # file: (nav label, heading, paragraphs)
    "partie1.xhtml": (
        "Première partie",
        "Première partie",
        ["Où l'on découvre la ville et ses habitants."],
    ),
    "ch1.xhtml": (
        "Le port",
        "Le port",
        [
            "Le port s'éveille avant l'aube. Les pêcheurs déchargent leurs caisses. "
            "Les mouettes tournent au-dessus des quais.",
            "Au loin, un cargo attend la marée.",
        ],
    ),
    "ch2.xhtml": (
        "Le marché",
        "Le marché",
        [
            "Sur la place, les étals se montent en silence. Une marchande installe ses fromages.",
        ],
    ),
    "ch3.xhtml": (
        "Le soir",
        "Le soir",
        ["Le soleil se couche sur l'estuaire. La ville se tait enfin."],
    ),
}
#: The table of contents: Première partie > (Le port, Le marché); Le soir.
NAV_LABELS = ["Première partie", "Le port", "Le marché", "Le soir"]
EMPHASIS = "Le vent <em>souffle</em> fort ce matin, dit le capitaine."
PUBLISHER_SUMMARY = "Texte structuré avec titres et table des matières."


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _body(name: str) -> str:
    _label, heading, paragraphs = CHAPTERS[name]
    html = f'<section id="sec-{name[:-6]}"><h1>{heading}</h1>'
    html += "".join(f"<p>{text}</p>" for text in paragraphs)
    if name == "ch1.xhtml":
        html += f'<p id="quote">{EMPHASIS}</p>'
        html += '<img src="images/port.png" alt="Le port au matin"/>'
        html += "<ul><li>Sardines</li><li>Maquereaux</li></ul>"
    return html + "</section>"


def make_epub3(path: Path) -> Path:
    book = epub.EpubBook()
    book.set_identifier("urn:uuid:4e5d1d7a-0c1f-4d0e-9a55-3c1a2b7e6f01")
    book.set_title("Une journée au port")
    book.set_language("fr")
    book.add_author("Jeanne Martin")
    book.add_metadata("DC", "publisher", "Éditions du Quai")
    book.add_metadata("DC", "date", "2025-05-02")
    book.add_metadata(None, "meta", "textual", {"property": "schema:accessMode"})
    book.add_metadata(None, "meta", PUBLISHER_SUMMARY, {"property": "schema:accessibilitySummary"})
    css = epub.EpubItem(
        uid="style", file_name="style/book.css", media_type="text/css",
        content=b"body { font-family: serif; } h1 { color: #222222; }",
    )  # fmt: skip
    book.add_item(css)
    book.add_item(
        epub.EpubItem(
            uid="img", file_name="images/port.png", media_type="image/png", content=_png()
        )
    )
    chapters = {}
    for name, (label, _heading, _paragraphs) in CHAPTERS.items():
        chapter = epub.EpubHtml(title=label, file_name=name, lang="fr")
        chapter.content = _body(name)
        chapter.add_item(css)
        book.add_item(chapter)
        chapters[name] = chapter
    book.toc = [
        (
            epub.Link("partie1.xhtml", "Première partie", "p1"),
            [chapters["ch1.xhtml"], chapters["ch2.xhtml"]],
        ),
        chapters["ch3.xhtml"],
    ]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters.values()]
    epub.write_epub(str(path), book, {"raise_exceptions": True, "epub3_pages": False})
    return path


_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf"
      media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"""

_OPF2 = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="bookid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>Une journée au port</dc:title>
    <dc:creator opf:role="aut" opf:file-as="Martin, Jeanne">Jeanne Martin</dc:creator>
    <dc:language>fr</dc:language>
    <dc:identifier id="bookid"
      opf:scheme="UUID">urn:uuid:7b1e0c2a-5d4f-4b8e-8f3a-2e6d9c0b1a22</dc:identifier>
    <dc:date opf:event="publication">2009-03-14</dc:date>
    <dc:publisher>Éditions du Quai</dc:publisher>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="css" href="Styles/style.css" media-type="text/css"/>
    <item id="img" href="Images/port.png" media-type="image/png"/>
    ITEMS
  </manifest>
  <spine toc="ncx">SPINE</spine>
</package>"""

_XHTML11 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr">
<head><title>TITLE</title><link rel="stylesheet" type="text/css" href="../Styles/style.css"/></head>
<body>BODY</body>
</html>"""


def make_epub2(path: Path) -> Path:
    names = list(CHAPTERS)
    items = "\n    ".join(
        f'<item id="c{n}" href="Text/{name}" media-type="application/xhtml+xml"/>'
        for n, name in enumerate(names)
    )
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(len(names)))
    points = {
        name: f'<navPoint id="np-{name[:-6]}" playOrder="{n + 1}"><navLabel><text>'
        f'{CHAPTERS[name][0]}</text></navLabel><content src="Text/{name}"/>'
        for n, name in enumerate(names)
    }
    nav_map = (
        f"{points['partie1.xhtml']}{points['ch1.xhtml']}</navPoint>"
        f"{points['ch2.xhtml']}</navPoint></navPoint>{points['ch3.xhtml']}</navPoint>"
    )
    ncx = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        '<head><meta name="dtb:uid" content="urn:uuid:7b1e0c2a-5d4f-4b8e-8f3a-2e6d9c0b1a22"/>'
        '<meta name="dtb:depth" content="2"/><meta name="dtb:totalPageCount" content="0"/>'
        '<meta name="dtb:maxPageNumber" content="0"/></head>'
        f"<docTitle><text>Une journée au port</text></docTitle><navMap>{nav_map}</navMap></ncx>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", _CONTAINER)
        archive.writestr("OEBPS/content.opf", _OPF2.replace("ITEMS", items).replace("SPINE", spine))
        archive.writestr("OEBPS/toc.ncx", ncx)
        archive.writestr("OEBPS/Styles/style.css", "p { text-indent: 1em; }")
        for name in names:
            body = _body(name).replace("<section", "<div").replace("</section>", "</div>")
            page = _XHTML11.replace("TITLE", CHAPTERS[name][1]).replace("BODY", body)
            archive.writestr(
                f"OEBPS/Text/{name}", page.replace('<img src="images/', '<img src="../Images/')
            )
        archive.writestr("OEBPS/Images/port.png", _png())
    return path
