"""Benchmark article extraction from web pages: what is kept of the article, what of the rest.

For each fixture page in tests/fixtures/webpages/ (a news page with its menus, cookie
banner, share bars, "Lire aussi" links, related articles and comments, and beside it the
article's true text in <name>.expected.json), the words that would be narrated (title,
headings, paragraphs) are compared with the true words (title, standfirst, headings,
paragraphs), as multisets of lower-cased words:

- recall = true words kept / true words;
- precision = true words kept / words narrated (words of a photo caption, listed as
  "optional", count neither way).

Three readers: "auto" (what ``exporter build page.html`` does: the extractor for a site's
page, the plain HTML parser for an article's own markup), "extractor" (trafilatura, always)
and "html-parser" (the plain HTML parser, always). The same is measured on the corpus'
Wikinews HTML (clean article markup; the truth is the corpus' text version, whose
sub-headings are removed, so section titles are left out of that comparison). Also prints
the time per page and the metadata found.

    .venv/bin/python benchmarks/extraction.py
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import CorpusMissing, corpus_path, wikinews_html  # noqa: E402
from exporter.model import Document  # noqa: E402
from exporter.parsers import detect_format, get_parser  # noqa: E402
from exporter.parsers.structure import build_document  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "webpages"
_WORD = re.compile(r"\w+", re.UNICODE)
READERS = ("auto", "extractor", "html-parser")


def words(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(text))


def narrated_text(document: Document, *, with_headings: bool = True) -> str:
    parts = [document.title]
    for section in document.sections:
        if with_headings and not section.title_inferred:
            parts.append(section.title)
        parts.extend(paragraph.text for paragraph in section.paragraphs)
    return "\n".join(parts)


def scores(
    extracted: Counter[str], truth: Counter[str], optional: Counter[str]
) -> tuple[float, float]:
    kept = sum((extracted & truth).values())
    extra = sum(((extracted - truth) - optional).values())
    precision = kept / (kept + extra) if kept + extra else 0.0
    recall = kept / sum(truth.values()) if truth else 0.0
    return precision, recall


def read(page: str, name: str, reader: str) -> Document:
    fmt = {"auto": detect_format(Path(name), page), "extractor": "webpage"}.get(reader, "html")
    return build_document(get_parser(fmt).parse(page), source=name)


def fixture_rows() -> list[tuple[str, str, float, float, float, Document]]:
    rows = []
    for page_path in sorted(FIXTURES.glob("*.html")):
        expected = json.loads(page_path.with_suffix(".expected.json").read_text("utf-8"))
        truth = words(
            "\n".join(
                [
                    expected["title"],
                    expected["standfirst"],
                    *expected["headings"],
                    *expected["paragraphs"],
                ]
            )
        )
        optional = words("\n".join(expected["optional"]))
        page = page_path.read_text("utf-8")
        for reader in READERS:
            started = time.perf_counter()
            document = read(page, page_path.name, reader)
            seconds = time.perf_counter() - started
            precision, recall = scores(words(narrated_text(document)), truth, optional)
            rows.append((page_path.stem, reader, precision, recall, seconds, document))
    return rows


def wikinews_rows() -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = {reader: [] for reader in READERS}
    try:
        pages = wikinews_html()
    except CorpusMissing as error:
        print(f"\nWikinews HTML skipped: {error}")
        return results
    for html_path in pages:
        text_path = corpus_path("wikinews-fr", "text", f"{html_path.stem}.txt")
        truth = words(text_path.read_text("utf-8"))
        page = html_path.read_text("utf-8")
        for reader in READERS:
            document = read(page, html_path.name, reader)
            narrated = words(narrated_text(document, with_headings=False))
            results[reader].append(scores(narrated, truth, Counter()))
    return results


def main() -> None:
    started = time.perf_counter()
    import trafilatura  # noqa: F401

    print(f"trafilatura import: {time.perf_counter() - started:.2f} s")
    # Warm-up (the extractor's and the section planner's tables load on first use).
    warm_page = next(FIXTURES.glob("*.html"))
    started = time.perf_counter()
    read(warm_page.read_text("utf-8"), warm_page.name, "extractor")
    print(f"first page (warm-up): {time.perf_counter() - started:.2f} s")
    rows = fixture_rows()
    print("\nFixture news pages (word-level, against the text put in the fixture)")
    print("| page | reader | precision | recall | time (ms) |\n|---|---|---|---|---|")
    for page, reader, precision, recall, seconds, _ in rows:
        print(f"| {page} | {reader} | {precision:.3f} | {recall:.3f} | {seconds * 1000:.0f} |")
    for reader in READERS:
        mine = [row for row in rows if row[1] == reader]
        print(
            f"| **mean** | {reader} | {statistics.mean(r[2] for r in mine):.3f} | "
            f"{statistics.mean(r[3] for r in mine):.3f} | "
            f"{statistics.mean(r[4] for r in mine) * 1000:.0f} |"
        )
    print("\nMetadata found by 'auto':")
    for page, reader, *_, document in rows:
        if reader == "auto":
            meta = document.metadata
            print(
                f"- {page}: title={document.title!r} author={meta.author!r} "
                f"publisher={meta.publisher!r} date={meta.date!r} lang={document.language!r} "
                f"source={meta.source!r} sections={[s.title for s in document.sections]}"
            )
    wikinews = wikinews_rows()
    count = len(wikinews["auto"])
    if count:
        print(f"\nWikinews HTML ({count} clean articles; paragraphs against the text version)")
        print("| reader | precision (mean / min) | recall (mean / min) |\n|---|---|---|")
        for reader, pairs in wikinews.items():
            p = [pair[0] for pair in pairs]
            r = [pair[1] for pair in pairs]
            print(
                f"| {reader} | {statistics.mean(p):.3f} / {min(p):.3f} | "
                f"{statistics.mean(r):.3f} / {min(r):.3f} |"
            )


if __name__ == "__main__":
    main()
