from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from exporter.exporters import ExportContext
from exporter.exporters.summary import SummaryExporter
from exporter.model import Document
from exporter.summary.model import PlainSummary
from exporter.summary.readability import words
from exporter.summary.render import render_fragment, render_html, render_markdown
from exporter.summary.summarize import (
    expand_acronyms,
    has_verb,
    simplify,
    strip_dateline,
    summarize,
)
from tests.summary_corpus import ARTICLES, SEED, load_document

_SUMMARIES: dict[Path, tuple[Document, PlainSummary]] = {}


def _summary(path: Path) -> tuple[Document, PlainSummary]:
    if path not in _SUMMARIES:
        document = load_document(path)
        _SUMMARIES[path] = (document, summarize(document))
    return _SUMMARIES[path]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_summary_is_three_to_five_complete_sentences(path: Path) -> None:
    _, summary = _summary(path)
    assert 3 <= len(summary.sentences) <= 5
    for sentence in summary.sentences:
        assert sentence.endswith("."), sentence
        assert has_verb(sentence), sentence
        assert sentence[0].isupper() or sentence[0].isdigit(), sentence


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_summary_adds_no_number_or_name(path: Path) -> None:
    document, summary = _summary(path)
    article = " ".join([document.title, document.text]).replace("\u00ad", "")
    for sentence in summary.sentences:
        for number in re.findall(r"\d+(?:[,.]\d+)?", sentence):
            assert number in article, (number, sentence)
        for position, word in enumerate(words(sentence)):
            if word[0].isupper():
                found = word in article if position else word.casefold() in article.casefold()
                assert found, (word, sentence)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_summary_is_shorter_than_the_article(path: Path) -> None:
    _, summary = _summary(path)
    assert summary.simplified.words < 0.75 * summary.original.words


def test_summary_is_short_on_average_over_the_corpus() -> None:
    lengths = [len(words(s)) for path in ARTICLES for s in _summary(path)[1].sentences]
    assert sum(lengths) / len(lengths) <= 16
    assert sum(length <= 20 for length in lengths) / len(lengths) >= 0.8
    original = [_summary(path)[1].original.words_per_sentence for path in ARTICLES]
    simplified = [_summary(path)[1].simplified.words_per_sentence for path in ARTICLES]
    assert sum(simplified) < 0.8 * sum(original)


def test_same_article_gives_byte_identical_output() -> None:
    document = load_document(SEED)
    first, second = summarize(document), summarize(load_document(SEED))
    assert first == second
    assert render_html(first, document) == render_html(second, document)


def test_acronym_is_expanded_from_the_article() -> None:
    _, summary = _summary(SEED)
    ia = next(entry for entry in summary.glossary if entry.term == "IA")
    assert ia.source == "article"
    assert ia.definition == "Intelligence artificielle."
    first_use = next(s for s in summary.sentences if "IA" in s)
    assert "intelligence artificielle" in first_use


def test_every_section_gets_a_brief_from_its_own_text() -> None:
    document, summary = _summary(SEED)
    assert [brief.section_id for brief in summary.briefs] == [
        section.id for section in document.sections
    ]
    for brief in summary.briefs:
        assert has_verb(brief.sentence) and brief.sentence.endswith(".")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("22 mai 2012. - Le lancement a eu lieu.", "Le lancement a eu lieu."),
        ("1er septembre 2012, France. - Le vote a lieu.", "Le vote a lieu."),
        ("22 mai 2012.", ""),
        ("Le 22 mai 2012, le vote a eu lieu.", "Le 22 mai 2012, le vote a eu lieu."),
    ],
)
def test_datelines_disappear(sentence: str, expected: str) -> None:
    assert strip_dateline(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "La délégation a fait la promotion du projet, et a indiqué qu'elle viendrait.",
            [
                "La délégation a fait la promotion du projet.",
                "La délégation a indiqué qu'elle viendrait.",
            ],
        ),
        (
            "Un salarié sur dix est payé au SMIC ; cette proportion varie fortement.",
            ["Un salarié sur dix est payé au SMIC.", "Cette proportion varie fortement."],
        ),
        (
            "Wu Zhaohui, vice-ministre chinois des Sciences, a prononcé une allocution.",
            ["Wu Zhaohui a prononcé une allocution."],
        ),
        (
            "Le sommet (IA) s'est ouvert à Londres, qui accueille les pays.",
            ["Le sommet s'est ouvert à Londres."],
        ),
        (
            "Les dirigeants européens, qui étaient réunis, se sont félicités.",
            ["Les dirigeants européens se sont félicités."],
        ),
    ],
)
def test_simplification_rules(sentence: str, expected: list[str]) -> None:
    assert simplify(sentence) == expected


def test_acronym_gets_its_expansion_at_first_use_only() -> None:
    sentences = ["Le SMIC augmente.", "Le SMIC vaut plus."]
    expanded = expand_acronyms(
        sentences, {"SMIC": "salaire minimum interprofessionnel de croissance"}
    )
    assert expanded == [
        "Le SMIC (salaire minimum interprofessionnel de croissance) augmente.",
        "Le SMIC vaut plus.",
    ]


def test_fragment_is_well_formed_and_escaped() -> None:
    _, summary = _summary(SEED)
    fragment = render_fragment(summary, heading_level=3)
    root = etree.fromstring(fragment.encode("utf-8"))
    texts = [heading.text for heading in root.iter("h3", "h4")]
    assert texts[0] == "Résumé en langage clair"
    assert {"Glossaire", "Lisibilité"} <= set(texts)
    assert root.find(".//dl/dt/dfn") is not None
    assert root.find(".//table/caption") is not None
    assert {th.get("scope") for th in root.iter("th")} == {"col", "row"}
    hostile = PlainSummary(
        sentences=("Le <script> & « test ».",),
        briefs=(),
        glossary=(),
        original=summary.original,
        simplified=summary.simplified,
    )
    escaped = etree.fromstring(render_fragment(hostile).encode("utf-8"))
    assert escaped.find(".//script") is None
    assert "Le <script> & « test »." in "".join(escaped.itertext())


def test_html_page_is_accessible_french() -> None:
    document, summary = _summary(SEED)
    page = render_html(summary, document)
    root = etree.fromstring(page.encode("utf-8"))
    assert root.get("lang") == "fr"
    assert root.findtext("head/title")
    assert len(root.findall(".//h1")) == 1
    assert root.findtext(".//h1") == document.title


def test_markdown_lists_each_summary_sentence() -> None:
    document, summary = _summary(SEED)
    markdown = render_markdown(summary, document)
    assert markdown.startswith(f"# {document.title}\n")
    for sentence in summary.sentences:
        assert f"- {sentence}\n" in markdown


def test_exporter_writes_markdown_and_html(tmp_path: Path) -> None:
    document = load_document(SEED)

    def refuse_narration(_: Document) -> None:
        raise AssertionError("the summary exporter must not narrate")

    context = ExportContext(
        document=document,
        slug="seed",
        out_dir=tmp_path,
        narrate=refuse_narration,  # type: ignore[arg-type]
        summarize=summarize,
    )
    written = SummaryExporter().export(context)
    assert [path.name for path in written] == ["summary.md", "summary.html"]
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == render_markdown(
        context.summary, document
    )
    assert '<html lang="fr">' in (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["summary.html", "summary.md"]
