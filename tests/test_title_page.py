"""The EPUB title page shows the article's origin, never the input file's name."""

from __future__ import annotations

from exporter.exporters.epub.pages import title_page
from exporter.model import Document, Metadata, Paragraph, Section, Sentence


def _document(source: str) -> Document:
    sentence = Sentence(id="s1-p1-s1", text="Une phrase.")
    section = Section(
        id="s1", title="Titre", paragraphs=(Paragraph(id="s1-p1", sentences=(sentence,)),)
    )
    metadata = Metadata(publisher="Xinhua", date="2023-11-01", source=source)
    return Document(title="Titre", sections=(section,), metadata=metadata)


def test_a_file_name_is_not_shown_as_the_source() -> None:
    page = title_page(_document("chine-cooperation-securite-ia.txt"), title="Titre", language="fr")
    text = page.decode("utf-8")
    assert "chine-cooperation-securite-ia.txt" not in text
    assert "Source" not in text
    assert "Xinhua" in text and "2023-11-01" in text


def test_a_web_address_is_shown_as_a_link() -> None:
    url = "https://example.org/article"
    page = title_page(_document(url), title="Titre", language="fr").decode("utf-8")
    assert f'href="{url}"' in page


def test_the_summary_page_keeps_its_readability_table_visible_but_silent() -> None:
    from lxml import etree

    from exporter.exporters.epub.pages import summary_page
    from exporter.summary.model import PlainSummary
    from exporter.summary.readability import readability

    figures = readability(["Une phrase courte."])
    summary = PlainSummary(
        essentiel=("Tout est dit ici.",),
        sentences=("Une phrase.", "Une autre phrase."),
        briefs=(),
        glossary=(),
        original=figures,
        simplified=figures,
    )
    root = etree.fromstring(summary_page(summary, language="fr"))
    xhtml = "{http://www.w3.org/1999/xhtml}"
    table = root.find(f".//{xhtml}table")
    assert table is not None and table.find(f".//{xhtml}td") is not None
    assert [e for e in table.iter() if e.get("id")] == []
    assert all(item.get("id") for item in root.iter(f"{xhtml}li"))
    assert root.find(f".//{xhtml}p[@class='essentiel']").get("id")


def test_without_a_publisher_the_web_site_is_the_origin() -> None:
    sentence = Sentence(id="s1-p1-s1", text="Une phrase.")
    section = Section(
        id="s1", title="Titre", paragraphs=(Paragraph(id="s1-p1", sentences=(sentence,)),)
    )
    url = "https://www.lemonde.fr/international/article/2023/11/01/ia.html"
    document = Document(
        title="Titre", sections=(section,), metadata=Metadata(date="2023-11-01", source=url)
    )
    page = title_page(document, title="Titre", language="fr").decode("utf-8")
    assert "lemonde.fr" in page.replace(url, "")  # named as the publisher, not only linked
    assert f'href="{url}"' in page
