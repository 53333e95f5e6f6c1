"""Generated article titles against journalists' real titles (OrangeSum).

Reads ``$EXPORTER_CORPUS/orangesum-valid/titles-valid300.jsonl`` (300 articles with their
real title). The generator was tuned on the first half (``--part tune``, articles 1–150);
report on the second (``--part report``, 151–300).

Prints ROUGE-1/2/L F1 against the real title (the scorer of
``benchmarks/summary_quality.py``) of:
- the generated title (:func:`exporter.parsers.headline.generate_title`);
- the noun-phrase title used without the language model (:func:`infer_title`);
- the baseline: the article's first sentence cut to the real title's length in words;
and the mean time to title one article once the model is loaded.

With ``--sections``: section titles against real headings. The Wikinews articles whose
HTML has ``<h2>`` headings inside the text (``$EXPORTER_CORPUS/wikinews-fr/html``) are cut
at those headings, each section is titled (headings hidden) by the analysis
(:mod:`exporter.parsers.sections.topics`) and by the noun-phrase tables
(:mod:`exporter.parsers.sections.titles`), and the share of real headings that share a
content word (lemma) with the generated title is printed, per tune/report half of the
file-name order; then the seed's section titles.

    .venv/bin/python benchmarks/titles.py --part report [--limit 50]
    .venv/bin/python benchmarks/titles.py --sections
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import corpus_path, split_tune_report
from benchmarks.summary_quality import rouge, tokens
from exporter.parsers.headline import generate_title
from exporter.parsers.sections import infer_title
from exporter.text import analysis
from exporter.text.sentences import split_sentences


def load(part: str, limit: int) -> list[dict[str, object]]:
    path = corpus_path("orangesum-valid", "titles-valid300.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    chosen = records[:150] if part == "tune" else records[150:]
    return chosen[:limit] if limit else chosen


def baseline(paragraphs: list[str], title: str) -> str:
    """The first sentence cut to the real title's length."""
    return " ".join(split_sentences(paragraphs[0])[0].split()[: len(tokens(title))])


def _lemmas(text: str) -> set[str]:
    return {
        token.lemma.casefold()
        for token in analysis.analyse_sentence(text).tokens
        if token.pos in ("NOUN", "PROPN", "ADJ", "VERB")
    }


def _headed_sections(path: Path) -> tuple[str, list[list[str]], list[str]]:
    """Title, sections (lists of paragraphs) and the heading of each section (the lead
    before the first heading has none: "")."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    title = soup.find("h1").get_text(" ", strip=True)  # type: ignore[union-attr]
    sections: list[list[str]] = [[]]
    headings = [""]
    for element in soup.find_all(["h2", "p"]):
        text = " ".join(element.get_text(" ", strip=True).split())
        if element.name == "h2":
            if any(sections):  # a heading before any paragraph is the subtitle
                sections.append([])
                headings.append(text)
        elif text:
            sections[-1].append(text)
    return title, sections, headings


def section_titles() -> int:
    from exporter.parsers.sections.titles import ArticleWords, TakenTitles, title_section
    from exporter.parsers.sections.topics import topic_titles

    paths = sorted(corpus_path("wikinews-fr", "html").glob("*.html"))
    tune, report = split_tune_report(paths)
    for half, chosen in (("tune", tune), ("report", report)):
        hits = {"analysis": 0, "tables": 0}
        total = 0
        for path in chosen:
            title, sections, headings = _headed_sections(path)
            if len(sections) < 2:
                continue
            topics = topic_titles(sections, title)
            words = ArticleWords.of([p for section in sections for p in section])
            taken = TakenTitles((), title)
            start = 0
            for section, heading, topic in zip(sections, headings, topics, strict=True):
                table = title_section(words, start, start + len(section), taken)
                taken.add(table)
                start += len(section)
                if not heading:
                    continue
                total += 1
                real = _lemmas(heading)
                hits["analysis"] += bool(real & _lemmas(topic)) if topic else 0
                hits["tables"] += bool(real & _lemmas(table))
                print(f"{half} {path.stem}: heading {heading!r}")
                print(f"    analysis {topic!r}; tables {table!r}")
        for name, count in hits.items():
            print(f"{half}: {name} shares a content word with {count}/{total} headings")
    from exporter.parsers import parse_file

    seed = parse_file(corpus_path("seed", "chine-cooperation-securite-ia.txt"))
    print("seed:", [section.title for section in seed.sections])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "report"), default="report")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--sections", action="store_true", help="section titles vs headings")
    args = parser.parse_args()
    if args.sections:
        analysis.load()
        return section_titles()
    records = load(args.part, args.limit)
    analysis.load()
    scores: dict[str, list[tuple[float, float, float]]] = {
        "generated title": [],
        "noun-phrase title (no model)": [],
        "first sentence cut to the title's length": [],
    }
    elapsed = 0.0
    for record in records:
        paragraphs = [str(text) for text in record["paragraphs"]]  # type: ignore[attr-defined]
        title = str(record["title"])
        started = time.perf_counter()
        generated = generate_title(paragraphs)
        elapsed += time.perf_counter() - started
        scores["generated title"].append(rouge(generated, title))
        scores["noun-phrase title (no model)"].append(rouge(infer_title(paragraphs), title))
        scores["first sentence cut to the title's length"].append(
            rouge(baseline(paragraphs, title), title)
        )
    print(f"OrangeSum titles, part {args.part}, {len(records)} articles")
    print(f"{'system':45} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, rows in scores.items():
        means = [statistics.mean(row[i] for row in rows) for i in range(3)]
        print(f"{name:45} " + " ".join(f"{value:6.3f}" for value in means))
    print(f"generation time: {1000 * elapsed / len(records):.1f} ms per article (model loaded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
