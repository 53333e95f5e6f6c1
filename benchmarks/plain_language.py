"""Measure the plain-language summaries over the corpus (33 Wikinews articles + the seed).

Prints: mean Kandel–Moles of summaries vs originals, mean words per sentence, share of
summary sentences of at most 15 words, and keyphrase coverage (keyphrases.tsv) of the
summary vs the article's first words cut to the summary's length.

    .venv/bin/python benchmarks/plain_language.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from exporter.summary.readability import words
from exporter.summary.summarize import summarize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.summary_corpus import ARTICLES, CORPUS, load_document

SHORT_SENTENCE = 15


def _keyphrases() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in (
        (CORPUS / "wikinews-fr" / "keyphrases.tsv").read_text(encoding="utf-8").splitlines()
    ):
        identifier, _, phrases = line.partition("\t")
        table[identifier] = [phrase.strip() for phrase in phrases.split(";") if phrase.strip()]
    return table


def _coverage(text: str, phrases: list[str]) -> tuple[int, int]:
    lowered = text.casefold()
    return sum(phrase.casefold() in lowered for phrase in phrases), len(phrases)


def main() -> None:
    keyphrases = _keyphrases()
    original_scores: list[float] = []
    summary_scores: list[float] = []
    original_wps: list[float] = []
    summary_wps: list[float] = []
    lengths: list[int] = []
    summary_hits = lead_hits = total_phrases = 0
    for path in ARTICLES:
        document = load_document(path)
        summary = summarize(document)
        original_scores.append(summary.original.kandel_moles)
        summary_scores.append(summary.simplified.kandel_moles)
        original_wps.append(summary.original.words_per_sentence)
        summary_wps.append(summary.simplified.words_per_sentence)
        lengths.extend(len(words(sentence)) for sentence in summary.sentences)
        phrases = keyphrases.get(path.stem)
        if phrases:
            summary_text = " ".join(summary.sentences)
            budget = len(summary_text.split())
            lead_text = " ".join(document.text.split()[:budget])
            hits, total = _coverage(summary_text, phrases)
            summary_hits += hits
            total_phrases += total
            lead_hits += _coverage(lead_text, phrases)[0]
    print(f"articles: {len(ARTICLES)}")
    print(
        f"Kandel–Moles, mean: originals {statistics.mean(original_scores):.1f}, "
        f"summaries {statistics.mean(summary_scores):.1f}"
    )
    print(
        f"words/sentence, mean: originals {statistics.mean(original_wps):.1f}, "
        f"summaries {statistics.mean(summary_wps):.1f}"
    )
    short = sum(length <= SHORT_SENTENCE for length in lengths) / len(lengths)
    print(f"summary sentences of <= {SHORT_SENTENCE} words: {short:.1%} of {len(lengths)}")
    print(
        f"keyphrase coverage (wikinews, {total_phrases} keyphrases): "
        f"summary {summary_hits / total_phrases:.1%}, "
        f"article's first words cut to the same length {lead_hits / total_phrases:.1%}"
    )


if __name__ == "__main__":
    main()
