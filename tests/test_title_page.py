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
