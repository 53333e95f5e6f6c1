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

    .venv/bin/python benchmarks/titles.py --part report [--limit 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import corpus_path
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "report"), default="report")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
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
