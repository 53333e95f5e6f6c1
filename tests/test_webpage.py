"""Whole news pages: the article comes out, the site's furniture does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from exporter.parsers import detect_format, parse_file
from exporter.parsers.webpage import saved_from_comment
from exporter.pipeline import BuildOptions, build
from tests.conftest import FakeEngine
from tests.corpus import need, wikinews_html

FIXTURES = Path(__file__).parent / "fixtures" / "webpages"
PAGES = sorted(FIXTURES.glob("*.html"))
# Text that only the site's furniture holds: menus, cookie banners, share bars, "Lire
# aussi" links, newsletters, related articles, comments, footers.
BOILERPLATE = (
    "cookies",
    "Partager",
    "Lire aussi",
    "Publicité",
    "newsletter",
    "Sur le même sujet",
    "Les plus lus",
    "Articles récents",
    "Mentions légales",
    "loyers monter chaque année",  # a reader's comment
    "traversée du Vignemale en 1998",  # a reader's comment
    "qui va vérifier",  # a reader's comment
    "S'abonner",
)


def expected(page: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_news_page_becomes_its_article(page: Path) -> None:
    truth = expected(page)
    document = parse_file(page)
    paragraphs = [paragraph.text for paragraph in document.paragraphs()]
    assert document.title == truth["title"]
    assert paragraphs[0] == truth["standfirst"]
    assert paragraphs[1:] == truth["paragraphs"]
    assert [s.title for s in document.sections if not s.title_inferred] == truth["headings"]
    narrated = document.text + " ".join(section.title for section in document.sections)
    for furniture in BOILERPLATE:
        assert furniture.casefold() not in narrated.casefold(), furniture


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_the_pages_metadata_is_read(page: Path) -> None:
    truth = expected(page)
    document = parse_file(page)
    meta = document.metadata
    # Where the page names its author twice, differently, either is right.
    authors = truth["author"] if isinstance(truth["author"], list) else [truth["author"]]
    assert meta.author in authors
    assert (meta.publisher, meta.date, meta.source, document.language) == (
        truth["publisher"],
        truth["date"],
        truth["url"],
        truth["language"],
    )


def test_a_saved_page_without_canonical_url_keeps_where_it_came_from(tmp_path: Path) -> None:
    page = (FIXTURES / "echo-vallee-marche-nocturne.html").read_text("utf-8")
    page = page.replace('<meta property="og:url"', '<meta property="og:nothing"')
    page = page.replace('"mainEntityOfPage"', '"somethingElse"')
    saved = tmp_path / "marche.html"
    url = "https://www.echo-vallee.example/loches/marche.html"
    saved.write_text(saved_from_comment(url) + page, encoding="utf-8")
    assert parse_file(saved).metadata.source == url


def test_clean_article_html_keeps_the_plain_parser() -> None:
    # The corpus' Wikinews pages are an article's own markup: nothing to strip.
    for page in need(wikinews_html):
        assert detect_format(page, page.read_text("utf-8")) == "html", page.name


def test_page_metadata_reaches_the_mp3_tags_and_the_epub(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    page = FIXTURES / "quotidien-ports-eoliens.html"
    report = build(
        [page], BuildOptions(out_dir=tmp_path, engine="fake", formats=("mp3", "epub-text"))
    )
    assert not report.failed
    (mp3,) = [p for p in report.results[0].outputs if p.suffix == ".mp3"]
    tags = ID3(mp3)
    assert str(tags["TPE1"]) == "Claire Le Gall"
    assert str(tags["TDRC"]).startswith("2026-11-27")
    assert str(tags["TIT2"]) == expected(page)["title"]
    (epub,) = [p for p in report.results[0].outputs if p.suffix == ".epub"]
    import zipfile

    with zipfile.ZipFile(epub) as archive:
        opf = next(archive.read(n) for n in archive.namelist() if n.endswith(".opf"))
    opf_text = opf.decode("utf-8")
    assert "<dc:publisher>Le Quotidien du Littoral</dc:publisher>" in opf_text
    assert "2026-11-27" in opf_text
    assert str(expected(page)["url"]) in opf_text


def test_bold_lines_between_paragraphs_are_intertitres(tmp_path: Path) -> None:
    page = (FIXTURES / "echo-vallee-marche-nocturne.html").read_text("utf-8")
    page = page.replace(
        "<h3>Des concerts chaque semaine</h3>",
        "<p><strong>Des concerts chaque semaine</strong></p>",
    )
    page = page.replace("<h3>Un budget modeste</h3>", "<p><b>Un budget modeste</b></p>")
    saved = tmp_path / "marche.html"
    saved.write_text(page, encoding="utf-8")
    document = parse_file(saved)
    titles = [s.title for s in document.sections if not s.title_inferred]
    assert titles == ["Des concerts chaque semaine", "Un budget modeste"]
    assert "Un budget modeste" not in document.text
