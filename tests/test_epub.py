"""The accessible EPUB: structure read back from the zip, and the two validators."""

from __future__ import annotations

import contextlib
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exporter.check.validators import ace_status, epubcheck_status, run_ace, run_epubcheck_many
from exporter.exporters import get_exporter
from exporter.exporters.epub import EpubExporter
from exporter.exporters.epub.pages import section_page
from exporter.exporters.epub.plan import section_title
from exporter.model import Document, Metadata, Paragraph, Section, Sentence
from exporter.parsers import parse_file, parse_text
from exporter.summary.render import SUMMARY_HEADING
from tests.corpus import CorpusMissing, corpus_path, corpus_root, missing
from tests.epub_helpers import (
    EPUB_TYPE,
    XHTML,
    XML_LANG,
    EpubContents,
    build_epub,
    read_epub,
    require,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "chine-cooperation-securite-ia.txt"
CORPUS_ARTICLES = ("html/43971.html", "text/44269.txt")

# Characters XML 1.0 forbids or discourages (C1 controls, non-characters): none may reach
# the book.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
HOSTILE = (
    'Tom & Jerry <b>gras</b> "guillemets" \'apostrophes\' <script>alert("x")</script> '
    "]]> &amp; \x00\x07\x1b\x7f\x85 fin."
)
HOSTILE_HTML = (
    "<html><head><title>A &amp; B</title><script>evil()</script></head><body>"
    "<h1>A &amp; B &lt;script&gt; \"'</h1>"
    '<p>Le texte &lt;b&gt;cité&lt;/b&gt; &amp; "repris" \x01\x02 ici. Une autre phrase.</p>'
    "<script>alert(1)</script><h2>Suite &lt;i&gt;</h2><p>Fin du texte &gt; là.</p>"
    "</body></html>"
)


def sentence(section: int, paragraph: int, number: int, text: str) -> Sentence:
    return Sentence(id=f"s{section}-p{paragraph}-s{number}", text=text)


def hostile_document() -> Document:
    """Markup, quotes and control characters everywhere, and titles that clean to nothing."""
    texts = (HOSTILE, "Le <i>CNRS</i> & l'ONU\x0b disent « non ».", "\x01\x02")
    return Document(
        title='<script>alert(1)</script> & "Titre" \x0b',
        metadata=Metadata(
            author='Jean <Dupont> & "Fils"',
            date="2024-02-29",
            source="https://example.org/article?id=1&lang=fr",
        ),
        sections=tuple(
            Section(
                id=f"s{number}",
                title=title,
                paragraphs=(
                    Paragraph(
                        id=f"s{number}-p1",
                        sentences=tuple(
                            sentence(number, 1, index, text)
                            for index, text in enumerate(texts, start=1)
                        ),
                    ),
                ),
            )
            for number, title in enumerate(("", "\x01\x02", "Partie <b>& « suite »</b>"), start=1)
        ),
    )


def parsed_documents() -> dict[str, Document]:
    documents = {"seed": parse_file(SEED)}
    for name in CORPUS_ARTICLES:
        with contextlib.suppress(CorpusMissing):
            documents[name] = parse_file(corpus_path("wikinews-fr", *name.split("/")))
    documents["hostile-model"] = hostile_document()
    documents["hostile-html"] = parse_text(HOSTILE_HTML, fmt="html", source="hostile.html")
    return documents


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path]]:
    out = tmp_path_factory.mktemp("epubs")
    return {
        name: (document, build_epub(document, out, slug=re.sub(r"\W", "-", name)))
        for name, document in parsed_documents().items()
    }


BOOK_NAMES = ["seed", *CORPUS_ARTICLES, "hostile-model", "hostile-html"]


@pytest.fixture(params=BOOK_NAMES)
def book(
    request: pytest.FixtureRequest, books: dict[str, tuple[Document, Path]]
) -> tuple[Document, EpubContents]:
    if request.param not in books:
        missing(f"corpus article wikinews-fr/{request.param} not found under {corpus_root()}")
    document, path = books[request.param]
    return document, read_epub(path)


def section_files(contents: EpubContents) -> list[str]:
    """Spine files holding an article section (they follow the title page, nav and summary)."""
    return [
        name
        for name in contents.spine
        if contents.documents[name].find(f".//{XHTML}section[@role='doc-chapter']/{XHTML}h1")
        is not None
    ]


def visible(text: str) -> str:
    return " ".join(CONTROL.sub("", text).split())


def test_the_registry_builds_the_epub_exporter() -> None:
    assert isinstance(get_exporter("epub"), EpubExporter)


def test_nav_lists_the_summary_then_every_section_in_reading_order(
    book: tuple[Document, EpubContents],
) -> None:
    document, contents = book
    entries = contents.toc_entries()
    assert entries[0][0] == SUMMARY_HEADING
    section_entries = entries[1:]
    assert len(section_entries) == len(document.sections)
    for (title, _), section in zip(section_entries, document.sections, strict=True):
        if visible(section.title):
            assert title == visible(section.title)
        else:
            assert title.strip(), "a section without a title still gets a named nav entry"
    hrefs = [href for _, href in entries]
    assert hrefs == [name for name in contents.spine if name in hrefs]


def test_every_paragraph_and_sentence_keeps_its_id_and_text(
    book: tuple[Document, EpubContents],
) -> None:
    document, contents = book
    files = section_files(contents)
    assert len(files) == len(document.sections)
    for name, section in zip(files, document.sections, strict=True):
        page = contents.documents[name]
        ids = {element.get("id"): element for element in page.iter() if element.get("id")}
        chapter = ids[section.id]
        assert chapter.get(EPUB_TYPE) == "chapter"
        assert chapter.get("role") == "doc-chapter"
        assert ids[section.title_id].tag == f"{XHTML}h1"
        for paragraph in section.paragraphs:
            for item in paragraph.sentences:
                if visible(item.text):
                    span = ids[item.id]
                    assert span.tag == f"{XHTML}span"
                    assert span.getparent() is ids[paragraph.id]
                    assert span.text == visible(item.text)


def test_every_document_and_the_package_declare_the_language(
    book: tuple[Document, EpubContents],
) -> None:
    document, contents = book
    assert contents.package.get(XML_LANG) == document.language
    assert contents.metadata("language") == [document.language]
    for page in contents.documents.values():
        assert page.get("lang") == document.language
        assert page.get(XML_LANG) == document.language


def test_headings_start_at_one_and_never_skip_a_level(
    book: tuple[Document, EpubContents],
) -> None:
    _, contents = book
    for name, page in contents.documents.items():
        levels = [
            int(element.tag[-1])
            for element in page.iter()
            if isinstance(element.tag, str)
            and re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", element.tag)
        ]
        assert levels[0] == 1, name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)


def test_titles_and_links_are_never_empty(book: tuple[Document, EpubContents]) -> None:
    _, contents = book
    assert contents.metadata("title")[0].strip()
    for name, page in contents.documents.items():
        assert "".join(page.find(f"{XHTML}head/{XHTML}title").itertext()).strip(), name
        for link in page.iter(f"{XHTML}a"):
            assert "".join(link.itertext()).strip(), (name, link.get("href"))


def test_hostile_text_stays_text(books: dict[str, tuple[Document, Path]]) -> None:
    for name in ("hostile-model", "hostile-html"):
        _, path = books[name]
        contents = read_epub(path)
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith((".jpg", ".mp3")):
                    continue
                assert not CONTROL.search(archive.read(member).decode("utf-8")), member
        for page in contents.documents.values():
            assert not list(page.iter(f"{XHTML}script", f"{XHTML}b", f"{XHTML}i"))
    model = read_epub(books["hostile-model"][1])
    shown = " ".join(
        "".join(page.itertext()) for name, page in model.documents.items() if name in model.spine
    )
    assert '<script>alert("x")</script>' in shown
    assert "Tom & Jerry <b>gras</b>" in shown
    assert model.metadata("title") == ['<script>alert(1)</script> & "Titre"']


def test_title_page_shows_author_date_and_a_link_to_the_source(
    books: dict[str, tuple[Document, Path]],
) -> None:
    document, path = books["hostile-model"]
    contents = read_epub(path)
    title_page = contents.documents[contents.spine[0]]
    text = " ".join("".join(title_page.itertext()).split())
    assert "29 février 2024" in text
    assert 'Jean <Dupont> & "Fils"' in text
    (link,) = title_page.iter(f"{XHTML}a")
    (cover,) = title_page.iter(f"{XHTML}img")
    assert '<script>alert(1)</script> & "Titre"' in cover.get("alt")
    covers = [
        item.get("href")
        for item in contents.package.iter("{http://www.idpf.org/2007/opf}item")
        if item.get("properties") == "cover-image"
    ]
    assert covers == [cover.get("src")]
    assert link.get("href") == document.metadata.source
    assert contents.metadata("date") == ["2024-02-29"]
    assert contents.metadata("source") == [document.metadata.source]


def test_accessibility_metadata_describes_text_and_a_described_cover(
    book: tuple[Document, EpubContents],
) -> None:
    _, contents = book
    assert contents.properties("schema:accessMode") == ["textual", "visual"]
    assert contents.properties("schema:accessModeSufficient") == ["textual"]
    features = set(contents.properties("schema:accessibilityFeature"))
    assert {
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
    } <= features
    assert "synchronizedAudioText" not in features
    assert contents.properties("schema:accessibilityHazard") == ["none"]
    (summary,) = contents.properties("schema:accessibilitySummary")
    assert "texte" in summary and "couverture" in summary and "ni son" in summary
    assert not contents.properties("media:duration")
    assert contents.properties("dcterms:conformsTo") == [
        "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
    ]
    (modified,) = contents.properties("dcterms:modified")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)


def test_the_identifier_is_stable_for_the_same_article(tmp_path: Path) -> None:
    document = parse_file(SEED)
    first = read_epub(build_epub(document, tmp_path / "a")).metadata("identifier")
    again = read_epub(build_epub(parse_file(SEED), tmp_path / "b")).metadata("identifier")
    other_source = parse_text(SEED.read_text(encoding="utf-8"), source="ailleurs.txt")
    other = read_epub(build_epub(other_source, tmp_path / "c")).metadata("identifier")
    assert first == again
    assert first != other
    assert first[0].startswith("urn:uuid:")


def test_exporting_again_replaces_the_book_and_leaves_no_partial_file(tmp_path: Path) -> None:
    document = hostile_document()
    first = build_epub(document, tmp_path)
    second = build_epub(document, tmp_path)
    assert first == second == tmp_path / "article.epub"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["article.epub"]
    with zipfile.ZipFile(second) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED


def test_the_plain_language_chapter_follows_the_table_of_contents(
    book: tuple[Document, EpubContents],
) -> None:
    _, contents = book
    summary_href = contents.toc_entries()[0][1]
    page = contents.documents[summary_href]
    assert page.find(f".//{XHTML}h1").text == SUMMARY_HEADING
    assert contents.spine.index(summary_href) == contents.spine.index(contents.nav_name) + 1
    landmarks = next(n for n in contents.nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "landmarks")
    kinds = {a.get(EPUB_TYPE): a.get("href") for a in landmarks.iter(f"{XHTML}a")}
    assert kinds["bodymatter"] == section_files(contents)[0]


@pytest.mark.validators
def test_epubcheck_finds_no_problem(books: dict[str, tuple[Document, Path]]) -> None:
    require(epubcheck_status())
    results = run_epubcheck_many([path for _, path in books.values()])
    for result in results:
        assert result.problems == 0, (result.summary(), result.messages)
        assert result.passed


@pytest.mark.validators
# Ace takes 5–20 s a book: the hostile book here; the narrated seed in test_overlays.py.
@pytest.mark.parametrize("name", ["hostile-model"])
def test_ace_finds_no_accessibility_violation(
    name: str, books: dict[str, tuple[Document, Path]]
) -> None:
    require(ace_status())
    result = run_ace(books[name][1])
    assert result.messages == (), result.summary()
    assert result.passed


@settings(max_examples=60, deadline=None)
@given(title=st.text(), texts=st.lists(st.text(), min_size=1, max_size=4))
def test_any_text_gives_well_formed_pages_that_show_it(title: str, texts: list[str]) -> None:
    section = Section(
        id="s1",
        title=title,
        paragraphs=(
            Paragraph(
                id="s1-p1",
                sentences=tuple(sentence(1, 1, n, text) for n, text in enumerate(texts, start=1)),
            ),
        ),
    )
    heading = section_title(section, 1)
    page = etree.fromstring(section_page(section, title=heading, language="fr"))
    assert "".join(page.find(f".//{XHTML}h1").itertext()) == heading == visible(heading)
    assert heading.strip()
    spans = {span.get("id"): span.text for span in page.iter(f"{XHTML}span")}
    for item in section.paragraphs[0].sentences:
        if visible(item.text):
            assert spans[item.id] == visible(item.text)
        else:
            assert item.id not in spans
