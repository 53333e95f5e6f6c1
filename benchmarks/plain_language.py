"""Measure the plain-language summaries over the corpus (33 Wikinews articles + the seed).

The summariser's rules and tables were tuned on the seed and the Wikinews articles at even
positions in file-name order; the first table is for the articles at odd positions, which
serve only to report (held out), the second for the tuning half, for comparison.

Prints, per half, one table: each figure, its target, and the same figure for the "lead" baseline
(the article's own first words cut to the summary's length):
ease (Kandel–Moles, words per sentence, share of sentences of at most 15 words),
keyphrase coverage (keyphrases.tsv; of the essentiel and the summary, as they are read,
against the lead cut to their length), faithfulness (the independent checker,
exporter/fidelity/checker.py) and determinism.

    .venv/bin/python benchmarks/plain_language.py   (corpus: $EXPORTER_CORPUS, ../shared/corpus)
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import (
    SEED_ARTICLE,
    CorpusMissing,
    describe_split,
    keyphrases,
    split_tune_report,
    wikinews_texts,
)
from exporter.fidelity.checker import Verdict, check
from exporter.parsers import parse_file
from exporter.summary.json_report import render_json
from exporter.summary.readability import readability, words
from exporter.summary.summarize import summarize
from exporter.text.analysis import analyse
from exporter.text.sentences import split_sentences

SHORT_SENTENCE = 15


def covered(text: str, phrases: list[str]) -> int:
    lowered = text.casefold()
    return sum(phrase.casefold() in lowered for phrase in phrases)


@dataclass
class Tally:
    scores: list[float] = field(default_factory=list)
    words_per_sentence: list[float] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    hits: int = 0

    def add(self, sentences: list[str]) -> None:
        figures = readability(sentences)
        self.scores.append(figures.kandel_moles)
        self.words_per_sentence.append(figures.words_per_sentence)
        self.lengths.extend(len(words(sentence)) for sentence in sentences)

    @property
    def short_share(self) -> float:
        return sum(length <= SHORT_SENTENCE for length in self.lengths) / len(self.lengths)


def lead_sentences(text: str, budget: int) -> list[str]:
    """The article's first ``budget`` words, as sentences (the last one cut)."""
    lead = " ".join(text.split()[:budget])
    return [sentence for sentence in split_sentences(lead) if words(sentence)]


def main() -> int:
    try:
        tune, report = split_tune_report(wikinews_texts())
        table = keyphrases()
    except CorpusMissing as error:
        print(error, file=sys.stderr)
        return 2
    print(describe_split("plain-language summaries", [SEED_ARTICLE, *tune], report))
    print("\n== held out (odd positions): the figures to quote ==")
    measure(report, table)
    print("\n== tuning half (seed + even positions), for comparison ==")
    measure([SEED_ARTICLE, *tune], table)
    return 0


def measure(articles: list[Path], table: dict[str, list[str]]) -> None:
    summary_tally, lead_tally, original_tally = Tally(), Tally(), Tally()
    total_phrases = 0
    problems: list[Verdict] = []
    sentence_count = 0
    unstable: list[str] = []
    for path in articles:
        document = parse_file(path)
        summary = summarize(document)
        if render_json(summary, document) != render_json(summarize(parse_file(path)), document):
            unstable.append(path.stem)
        sentences = list(summary.sentences)
        brief_sentences = [brief.sentence for brief in summary.briefs]
        sentence_count += len(sentences) + len(brief_sentences)
        said = [s[:1].upper() + s[1:] for s in [*sentences, *brief_sentences]]
        problems.extend(v for v in check(analyse(document), said) if not v.supported)
        budget = len(" ".join(sentences).split())
        summary_tally.add(sentences)
        lead_tally.add(lead_sentences(document.text, budget))
        # Keyphrases: the summary as it is read, the essentiel first (the points do not
        # repeat it), against the lead cut to the same length.
        told = " ".join([*summary.essentiel, *sentences])
        told_budget = len(told.split())
        original_tally.add([sentence.text for sentence in document.sentences()])
        phrases = table.get(path.stem)
        if phrases:
            total_phrases += len(phrases)
            summary_tally.hits += covered(told, phrases)
            lead_tally.hits += covered(" ".join(document.text.split()[:told_budget]), phrases)
    faithful = 1 - len({problem.sentence for problem in problems}) / sentence_count
    rows = [
        (
            "Kandel–Moles (mean)",
            "≥ 70",
            statistics.mean(summary_tally.scores),
            statistics.mean(lead_tally.scores),
            "{:.1f}",
        ),
        (
            "words per sentence (mean)",
            "≤ 12",
            statistics.mean(summary_tally.words_per_sentence),
            statistics.mean(lead_tally.words_per_sentence),
            "{:.1f}",
        ),
        (
            f"sentences ≤ {SHORT_SENTENCE} words",
            "≥ 90 %",
            100 * summary_tally.short_share,
            100 * lead_tally.short_share,
            "{:.1f} %",
        ),
        (
            f"keyphrase coverage ({total_phrases})",
            "≥ lead",
            100 * summary_tally.hits / total_phrases,
            100 * lead_tally.hits / total_phrases,
            "{:.1f} %",
        ),
        ("faithful sentences (+briefs)", "100 %", 100 * faithful, float("nan"), "{:.1f} %"),
        (
            "deterministic articles",
            "100 %",
            100 * (1 - len(unstable) / len(articles)),
            float("nan"),
            "{:.1f} %",
        ),
    ]
    print(
        f"{len(articles)} articles; originals: Kandel–Moles "
        f"{statistics.mean(original_tally.scores):.1f}, "
        f"{statistics.mean(original_tally.words_per_sentence):.1f} words per sentence"
    )
    print(f"{'figure':34} {'target':>8} {'summary':>10} {'lead':>10}")
    for label, target, value, lead, pattern in rows:
        lead_text = "-" if lead != lead else pattern.format(lead)
        print(f"{label:34} {target:>8} {pattern.format(value):>10} {lead_text:>10}")
    for problem in problems:
        print(f"  unfaithful ({'; '.join(problem.problems)}): {problem.sentence}")
    for stem in unstable:
        print(f"  not deterministic: {stem}")


if __name__ == "__main__":
    sys.exit(main())
