"""What the summaries say, measured on French news with journalists' abstracts (OrangeSum).

Reads ``$EXPORTER_CORPUS/orangesum-valid/valid300.jsonl`` (300 articles with their
abstract; see the corpus's SOURCES.md). The summariser was tuned on the first half
(``--part tune``, articles 1–150); report on the second (``--part report``, 151–300).

Prints one table:
- ROUGE-1/2/L F1 against the abstract (one scorer for all: lower case, words = runs of
  letters and digits, no stemming) of "L'essentiel", of the summary's first 40 words (its
  points, which do not repeat the essentiel), of the first 40 words as read (essentiel
  then points), and of LEAD (the article's first 40 words);
- readability of the summaries (Kandel–Moles, words per sentence and the share of
  sentences of at most 12, 15 and 20 words, syllables per word,
  beside the article's);
- faithfulness by the independent checker (:mod:`exporter.fidelity.checker`): share of
  summaries whose every sentence is supported, false alarms on the articles' own
  sentences, and the share of automatic mutations caught (a changed number, an entity
  from another article, a dropped "de …" complement);
- speed: the model's load time and memory, and the seed's summary time once loaded.

    .venv/bin/python benchmarks/summary_quality.py --part report [--limit 50]

``--oracle`` prints instead what selection can reach: ROUGE-L of LEAD, of the first
sentence(s), of the first sentence compressed, of the essentiel, and of the best single
candidate and best pair (≤ 40 words) chosen by looking at the abstract. ``--fit`` (on the
tune half) fits the selection's weights (a ridge regression of each candidate's ROUGE-L
on its features, :mod:`exporter.summary.selection`) and prints them.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from benchmarks._corpus import SEED_ARTICLE
from benchmarks.faithfulness import document_of, load, mutations
from exporter.fidelity.checker import check
from exporter.parsers import parse_file
from exporter.summary.compression import word_count
from exporter.summary.readability import words
from exporter.summary.selection import FEATURES, features
from exporter.summary.summarize import essentiel, essentiel_pool
from exporter.summary.summarize import summarize as plain_summary
from exporter.text import analysis
from exporter.text.analysis import analyse

SEED = SEED_ARTICLE
BUDGET = 40
_WORD = re.compile(r"[^\W_]+")


# --- one ROUGE scorer for every system ---------------------------------------------------


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def _ngrams(words: Sequence[str], n: int) -> dict[tuple[str, ...], int]:
    counts: dict[tuple[str, ...], int] = {}
    for index in range(len(words) - n + 1):
        gram = tuple(words[index : index + n])
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    mine, theirs = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum(min(count, theirs.get(gram, 0)) for gram, count in mine.items())
    return _f1(overlap, sum(mine.values()), sum(theirs.values()))


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> float:
    previous = [0] * (len(reference) + 1)
    for word in candidate:
        current = [0]
        for index, other in enumerate(reference):
            current.append(
                previous[index] + 1 if word == other else max(previous[index + 1], current[-1])
            )
        previous = current
    return _f1(previous[-1], len(candidate), len(reference))


def rouge(candidate: str, reference: str) -> tuple[float, float, float]:
    mine, theirs = tokens(candidate), tokens(reference)
    return rouge_n(mine, theirs, 1), rouge_n(mine, theirs, 2), rouge_l(mine, theirs)


def first_words(text: str, count: int = BUDGET) -> str:
    return " ".join(text.split()[:count])


# --- the run -----------------------------------------------------------------------------------


# --- what selection can reach, and the selection's weights -----------------------------------

#: Ridge penalty of the fit (chosen on the tune half among 0.3, 3 and 30).
RIDGE = 3.0


def oracle(records: Sequence[dict[str, object]]) -> None:
    rows: dict[str, list[float]] = {}

    def add(name: str, text: str, abstract: str) -> None:
        rows.setdefault(name, []).append(rouge(text, abstract)[2])

    for record in records:
        document = document_of(record)
        abstract = str(record["abstract"])
        article = analyse(document)
        texts = [s.text for s in article.sentences]
        pool = essentiel_pool(article)
        add("LEAD@40", first_words(document.text), abstract)
        add("LEAD@32", first_words(document.text, 32), abstract)
        add("first sentence", first_words(texts[0] if texts else ""), abstract)
        add("first two sentences @40", first_words(" ".join(texts[:2])), abstract)
        first = [c for c in pool if c.source == 0 and c.text != texts[0]]
        add("first sentence compressed", first[0].text if first else "", abstract)
        add("essentiel", " ".join(essentiel(article)), abstract)
        fitting = [c.text for c in pool if word_count(c.text) <= BUDGET]
        score = {text: rouge(text, abstract)[2] for text in fitting}
        best = max(score.values(), default=0.0)
        rows.setdefault("oracle: best candidate", []).append(best)
        top = sorted(fitting, key=lambda t: -score[t])[:12]
        for index, one in enumerate(top):
            for other in top[index + 1 :]:
                if word_count(one) + word_count(other) <= BUDGET:
                    best = max(best, rouge(f"{one} {other}", abstract)[2])
        rows.setdefault("oracle: best pair ≤ 40 words", []).append(best)
    print(f"{len(records)} articles; ROUGE-L F1 vs abstract (candidates: the essentiel's pool)")
    for name, values in rows.items():
        print(f"  {name:32} {100 * statistics.mean(values):6.1f}")


def fit(records: Sequence[dict[str, object]]) -> None:
    matrix: list[list[float]] = []
    targets: list[float] = []
    for record in records:
        article = analyse(document_of(record))
        pool = [c for c in essentiel_pool(article) if word_count(c.text) <= BUDGET]
        matrix += features(article, pool)
        targets += [rouge(c.text, str(record["abstract"]))[2] for c in pool]
    x, y = np.asarray(matrix, dtype=float), np.asarray(targets)
    weights = np.linalg.solve(x.T @ x + RIDGE * np.eye(x.shape[1]), x.T @ y)
    print(f"{len(records)} articles, {len(y)} candidates; WEIGHTS in FEATURES order:")
    print("WEIGHTS = (")
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"    {weight:+.4f},  # {name}")
    print(")")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["tune", "report"], default="report")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--oracle", action="store_true", help="what selection can reach")
    parser.add_argument("--fit", action="store_true", help="fit the selection's weights")
    args = parser.parse_args()
    if args.fit:
        fit(load("tune", args.limit))
        return 0
    if args.oracle:
        oracle(load(args.part, args.limit))
        return 0
    started = time.perf_counter()
    analysis.load()
    load_seconds = time.perf_counter() - started
    load_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seed = parse_file(SEED)
    analyse(seed)
    started = time.perf_counter()
    plain_summary(seed)
    cold_seconds = time.perf_counter() - started  # includes loading the word tables
    started = time.perf_counter()
    plain_summary(parse_file(SEED))
    seed_seconds = time.perf_counter() - started

    records = load(args.part, args.limit)
    scores: dict[str, list[tuple[float, float, float]]] = {
        "essentiel": [],
        "summary@40": [],
        "as read@40": [],
        "LEAD@40": [],
    }
    km, wps, spw, article_spw = [], [], [], []
    lengths: list[int] = []  # words of each summary sentence
    faithful = own_alarms = own_total = caught = mutated = 0
    kinds: dict[str, list[int]] = {}
    foreign_names = ["Emmanuel Macron", "Marseille", "Tokyo", "l'UNESCO"]
    for number, record in enumerate(records):
        document = document_of(record)
        abstract = str(record["abstract"])
        summary = plain_summary(document)
        article = analyse(document)
        scores["essentiel"].append(rouge(" ".join(summary.essentiel), abstract))
        scores["summary@40"].append(rouge(first_words(" ".join(summary.sentences)), abstract))
        read = " ".join([*summary.essentiel, *summary.sentences])
        scores["as read@40"].append(rouge(first_words(read), abstract))
        scores["LEAD@40"].append(rouge(first_words(document.text), abstract))
        if summary.sentences:
            figures = summary.simplified
            km.append(figures.kandel_moles)
            wps.append(figures.words_per_sentence)
            lengths += [len(words(sentence)) for sentence in summary.sentences]
            spw.append(figures.syllables_per_word)
            article_spw.append(summary.original.syllables_per_word)
        briefs = [b.sentence[:1].upper() + b.sentence[1:] for b in summary.briefs]
        said = [*summary.essentiel, *summary.sentences, *briefs]
        verdicts = check(article, said)
        faithful += all(v.supported for v in verdicts)
        own = check(article, [s.text for s in article.sentences])
        own_alarms += sum(not v.supported for v in own)
        own_total += len(own)
        for kind, text in mutations(article, foreign_names[number % len(foreign_names)]):
            hit = not check(article, [text])[0].supported
            kinds.setdefault(kind, []).append(hit)
            caught += hit
            mutated += 1
    count = len(records)
    print(f"OrangeSum valid, part '{args.part}': {count} articles")
    print(f"{'ROUGE F1 vs abstract':22} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, rows in scores.items():
        means = [100 * statistics.mean(row[i] for row in rows) for i in range(3)]
        print(f"{name:22} {means[0]:6.1f} {means[1]:6.1f} {means[2]:6.1f}")
    lead_l = statistics.mean(row[2] for row in scores["LEAD@40"])
    for name in ("essentiel", "summary@40", "as read@40"):
        ratio = statistics.mean(row[2] for row in scores[name]) / lead_l
        print(f"  {name} ROUGE-L / LEAD@40 = {ratio:.2f} (target ≥ 1.10)")
    print(f"Kandel–Moles (summary, mean)      {statistics.mean(km):6.1f}   (target ≥ 70)")
    print(f"words per sentence (summary)      {statistics.mean(wps):6.1f}   (target ≤ 12)")
    for most in (12, 15, 20):
        share = 100 * sum(length <= most for length in lengths) / max(len(lengths), 1)
        print(f"  summary sentences of ≤ {most} words  {share:5.1f} %  (of {len(lengths)})")
    print(
        f"syllables per word: summary {statistics.mean(spw):.3f}, "
        f"article {statistics.mean(article_spw):.3f} (target: summary below)"
    )
    print(f"summaries fully supported          {100 * faithful / count:6.1f} %  (target 100 %)")
    alarms = 100 * own_alarms / max(own_total, 1)
    print(f"false alarms on own sentences      {alarms:6.2f} %  ({own_alarms}/{own_total})")
    share = 100 * caught / max(mutated, 1)
    print(f"automatic mutations caught         {share:6.1f} %  ({caught}/{mutated})")
    for kind, hits in sorted(kinds.items()):
        print(f"  {kind:12} {100 * sum(hits) / len(hits):6.1f} %  ({sum(hits)}/{len(hits)})")
    print(f"model load {load_seconds:.1f} s, peak memory after load {load_rss:.0f} MB")
    print(
        f"seed: summary, essentiel and briefs in {seed_seconds:.2f} s once the model and the "
        f"word tables are loaded (first call, loading the tables: {cold_seconds:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
