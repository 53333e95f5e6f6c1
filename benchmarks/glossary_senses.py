"""Glossary senses: is the dictionary sense chosen for a word the one its sentence means?

Reads ``benchmarks/data/glossary_senses.toml``: hand-written news sentences, each with one
polysemous word and the words one of which an acceptable definition contains. Each word is
looked up as the glossary looks it up (:func:`exporter.summary.glossary.headwords_of`) and
its sense chosen by :func:`exporter.summary.senses.best_sense` with the sentence as its
context. Prints, for the tuning half and the held-out half: right (an acceptable sense),
wrong (another sense: worse than none for a reader), none (no sense trusted), and the
accuracy (right / cases). ``--verbose`` lists every case not right.

    .venv/bin/python benchmarks/glossary_senses.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exporter.summary.glossary import headwords_of
from exporter.summary.senses import best_sense

DATA = Path(__file__).resolve().parent / "data" / "glossary_senses.toml"


@dataclass(frozen=True)
class Case:
    part: str
    word: str
    sentence: str
    accept: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    definition: str | None

    @property
    def verdict(self) -> str:
        if self.definition is None:
            return "none"
        return "right" if acceptable(self.definition, self.case.accept) else "wrong"


def _fold(text: str) -> str:
    return text.replace("’", "'").casefold()


def acceptable(definition: str, accept: tuple[str, ...]) -> bool:
    """Whether a definition contains one of the accepted words (case, apostrophes aside)."""
    return any(_fold(word) in _fold(definition) for word in accept)


def load_cases(path: Path = DATA) -> list[Case]:
    with path.open("rb") as stream:
        data = tomllib.load(stream)
    return [
        Case(entry["part"], entry["word"], entry["sentence"], tuple(entry["accept"]))
        for entry in data["case"]
    ]


def choose(case: Case) -> Outcome:
    chosen = best_sense(headwords_of(case.word), case.sentence, case.sentence, word=case.word)
    return Outcome(case, None if chosen is None else chosen[1])


def score(outcomes: list[Outcome]) -> dict[str, float]:
    counts = {verdict: 0.0 for verdict in ("right", "wrong", "none")}
    for outcome in outcomes:
        counts[outcome.verdict] += 1
    counts["accuracy"] = counts["right"] / len(outcomes) if outcomes else 0.0
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the cases not right")
    arguments = parser.parse_args()
    cases = load_cases()
    started = time.perf_counter()
    outcomes = [choose(case) for case in cases]
    elapsed = time.perf_counter() - started
    print(f"{len(cases)} cases from {DATA.name} ({elapsed:.1f} s, model load included)")
    print(f"{'part':<6} {'cases':>5} {'right':>5} {'wrong':>5} {'none':>5} {'accuracy':>8}")
    for part in ("tune", "held"):
        chosen = [outcome for outcome in outcomes if outcome.case.part == part]
        figures = score(chosen)
        print(
            f"{part:<6} {len(chosen):>5} {figures['right']:>5.0f} {figures['wrong']:>5.0f} "
            f"{figures['none']:>5.0f} {figures['accuracy']:>8.0%}"
        )
    if arguments.verbose:
        for outcome in outcomes:
            if outcome.verdict != "right":
                case = outcome.case
                print(f"  [{case.part}] {outcome.verdict:<5} {case.word}: {outcome.definition}")


if __name__ == "__main__":
    main()
