"""Parsing plain text, Markdown and HTML into titled sections."""

from pathlib import Path

import pytest

from exporter.errors import EmptyInputError
from exporter.model import Document
from exporter.parsers import parse_file, parse_text
from tests.conftest import SEED
from tests.corpus import corpus_file


def _all_text(document: Document) -> str:
    return " ".join(sentence.text for sentence in document.sentences())


def test_seed_is_parsed_into_titled_sections() -> None:
    document = parse_file(SEED)
    source_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line]
    assert document.title == source_lines[0]
    paragraphs = list(document.paragraphs())
    assert [p.text for p in paragraphs] == source_lines[1:]
    assert 2 <= len(document.sections) <= 6
    titles = [section.title for section in document.sections]
    assert len(set(titles)) == len(titles)
    assert all(section.title_inferred for section in document.sections)


def test_ids_are_unique_and_stable() -> None:
    first, second = parse_file(SEED), parse_file(SEED)
    ids = [s.id for s in first.sentences()] + [p.id for p in first.paragraphs()]
    ids += [s.id for s in first.sections] + [s.title_id for s in first.sections]
    assert len(ids) == len(set(ids))
    assert first == second


def test_plain_text_with_blank_lines_and_wrapped_lines() -> None:
    text = (
        "Le titre de l'article\n\n"
        "Premier paragraphe écrit sur\ndeux lignes courtes.\n\n"
        "Second paragraphe, lui aussi\ncoupé en deux.\n"
    )
    document = parse_text(text, fmt="text")
    assert document.title == "Le titre de l'article"
    assert [p.text for p in document.paragraphs()] == [
        "Premier paragraphe écrit sur deux lignes courtes.",
        "Second paragraphe, lui aussi coupé en deux.",
    ]


def test_markdown_headings_win() -> None:
    text = (
        "# Grand titre\n\nLe chapeau de l'article, avec un [lien](http://x.fr).\n\n"
        "## Première partie\n\nUn paragraphe. Une autre phrase.\n\n"
        "- un point de liste\n\n## Seconde partie\n\nLa suite.\n"
    )
    document = parse_text(text, fmt="markdown")
    assert document.title == "Grand titre"
    assert [s.title for s in document.sections][1:] == ["Première partie", "Seconde partie"]
    assert not document.sections[1].title_inferred
    assert document.sections[0].title_inferred  # the lead before the first heading
    assert "avec un lien." in _all_text(document)
    assert "http" not in _all_text(document)


def test_html_drops_scripts_styles_and_hidden_content() -> None:
    html = """<!doctype html><html lang="fr"><head><title>Titre de page</title>
    <style>p { color: red }</style><script>alert("x")</script>
    <meta name="author" content="Jeanne Martin"></head>
    <body><nav><a href="/">Accueil</a></nav>
    <article><h1>Le vrai titre</h1>
    <p>Premier paragraphe <b>important</b> &amp; utile.</p>
    <p hidden>Texte caché.</p><p style="display: none">Invisible.</p>
    <div aria-hidden="true"><p>Pour lecteurs d'écran, non.</p></div>
    <h2>Une partie</h2><p>Deuxième paragraphe.<script>document.write("x")</script></p>
    </article><footer><p>Mentions légales</p></footer></body></html>"""
    document = parse_text(html, fmt="html")
    text = _all_text(document)
    assert document.title == "Le vrai titre"
    assert document.metadata.author == "Jeanne Martin"
    assert "Premier paragraphe important & utile." in text
    for hidden in (
        "alert",
        "color",
        "caché",
        "Invisible",
        "lecteurs",
        "Accueil",
        "Mentions",
        "document.write",
    ):
        assert hidden not in text
    assert [s.title for s in document.sections][-1] == "Une partie"


@pytest.mark.parametrize("name", ["43971", "44974", "45614"])
def test_wikinews_html_and_text_forms_agree(name: str) -> None:
    from_html = parse_file(corpus_file("wikinews-fr", "html", f"{name}.html"))
    from_text = parse_file(corpus_file("wikinews-fr", "text", f"{name}.txt"))
    assert from_html.title == from_text.title
    text_paragraphs = {p.text for p in from_text.paragraphs()}
    html_paragraphs = {p.text for p in from_html.paragraphs()}
    assert text_paragraphs <= html_paragraphs


def test_wikinews_html_h2_become_sections() -> None:
    document = parse_file(corpus_file("wikinews-fr", "html", "44974.html"))
    titles = [section.title for section in document.sections]
    assert "Une amélioration due aux difficultés du secteurs" in titles
    assert "Reconfigurer les sites pour répondre à la demande" in titles


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<html><body><script>x()</script></body></html>", "html"),
        ("# Titre seul\n", "markdown"),
        ("Un titre seul\n", "text"),
    ],
)
def test_no_paragraph_is_an_error(text: str, fmt: str) -> None:
    with pytest.raises(EmptyInputError):
        parse_text(text, fmt=fmt, source="x")


def test_hostile_text_survives(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(
        "Titre <b>&amp;</b>\nA & B < C > D \x01\x02 ]]> <script>alert(1)</script>.\n",
        encoding="utf-8",
    )
    document = parse_file(path)
    text = _all_text(document)
    assert "\x01" not in text and "<script>" in text  # kept as text, escaped on output
