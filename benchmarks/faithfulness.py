"""The independent faithfulness checker on French news: false alarms and mutations caught.

Reads ``$EXPORTER_CORPUS/orangesum-valid/valid300.jsonl`` (300 articles; see the corpus's
SOURCES.md). The checker (:mod:`exporter.fidelity.checker`) was tuned on the first half
(``--part tune``, articles 1–150); report on the second (``--part report``, 151–300).

For each article it checks:
- the article's own sentences against the article: each one flagged is a false alarm;
- automatic unfaithful mutations of its first six sentences: a changed number, an entity
  from another article, a dropped "de …" complement of a verb's subject or object. Each
  one the checker accepts is a miss.

    .venv/bin/python benchmarks/faithfulness.py --part report [--limit 50] [--show]

``--show`` prints every miss and every false alarm with the checker's verdict.
(benchmarks/summary_quality.py imports the mutations and the corpus reading from here.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import corpus_path
from exporter.fidelity.checker import check
from exporter.model import Document
from exporter.parsers import parse_text
from exporter.text.analysis import AnalysedSentence, Analysis, analyse

#: Entities from other articles, one per article in turn.
FOREIGN_NAMES = ("Emmanuel Macron", "Marseille", "Tokyo", "l'UNESCO")


def _number_mutation(sentence: AnalysedSentence) -> str | None:
    for token in sentence.tokens:
        if token.text.isdigit() and token.pos == "NUM":
            changed = str(int(token.text) + 3)
            return (
                sentence.text[: token.idx] + changed + sentence.text[token.idx + len(token.text) :]
            )
    return None


def _entity_mutation(sentence: AnalysedSentence, foreign: str) -> str | None:
    for entity in sentence.entities:
        if (
            entity.label in {"PER", "LOC", "ORG"}
            and foreign.casefold() not in sentence.text.casefold()
        ):
            start = sentence.tokens[entity.start].idx
            end = sentence.tokens[entity.end - 1].idx + len(sentence.tokens[entity.end - 1].text)
            return sentence.text[:start] + foreign + sentence.text[end:]
    return None


def _complement_mutation(sentence: AnalysedSentence) -> str | None:
    """Drop the "de …" complement (a noun, name, pronoun or number) of a verb's subject
    or object. (A determiner or preposition the parser calls a complement, as in the
    garbled "le maire de la de Landévennec", is none: dropping it changes nothing.)"""
    for token in sentence.tokens:
        head = sentence.tokens[token.head]
        if token.dep != "nmod" or head.dep not in {"obj", "nsubj"} or token.ent_type:
            continue
        if token.pos not in {"NOUN", "PROPN", "PRON", "NUM"}:
            continue
        cases = [c for c in sentence.children(token.i) if c.dep == "case"]
        if not cases or cases[0].text.casefold() not in {"de", "du", "des", "d'"}:
            continue
        span = sentence.subtree(token.i)
        start, end = span[0].idx, span[-1].idx + len(span[-1].text)
        return (sentence.text[:start].rstrip() + " " + sentence.text[end:].lstrip()).replace(
            " .", "."
        )
    return None


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def mutations(article: Analysis, foreign: str) -> list[tuple[str, str]]:
    """(kind, mutated sentence) for the article's first six sentences; not a mutation
    that says, word for word, what another sentence of the article says."""
    said = {_words(s.text) for s in (*article.sentences, article.title)}
    found: list[tuple[str, str]] = []
    for sentence in article.sentences[:6]:
        for kind, mutated in (
            ("number", _number_mutation(sentence)),
            ("entity", _entity_mutation(sentence, foreign)),
            ("complement", _complement_mutation(sentence)),
        ):
            if mutated and _words(mutated) not in said:
                found.append((kind, mutated))
    return found


def load(part: str, limit: int) -> list[dict[str, object]]:
    """The OrangeSum records of one half (``tune``: 1–150, ``report``: 151–300)."""
    path = corpus_path("orangesum-valid", "valid300.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    chosen = records[:150] if part == "tune" else records[150:]
    return chosen[:limit] if limit else chosen


def document_of(record: dict[str, object]) -> Document:
    """A record as a plain-text article: its title, then its paragraphs."""
    paragraphs = record["paragraphs"]
    assert isinstance(paragraphs, list)
    return parse_text("\n".join([str(record["title"]), *map(str, paragraphs)]), fmt="text")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["tune", "report"], default="report")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = parser.parse_args()
    records = load(args.part, args.limit)
    alarms = total = 0
    kinds: dict[str, list[bool]] = {}
    for number, record in enumerate(records):
        article = analyse(document_of(record))
        own = check(article, [s.text for s in article.sentences])
        total += len(own)
        for verdict in own:
            if not verdict.supported:
                alarms += 1
                if args.show:
                    print(f"FALSE ALARM [{number}] {verdict.sentence}\n    {verdict.problems}")
        for kind, text in mutations(article, FOREIGN_NAMES[number % len(FOREIGN_NAMES)]):
            verdict = check(article, [text])[0]
            kinds.setdefault(kind, []).append(not verdict.supported)
            if verdict.supported and args.show:
                source = "" if verdict.source is None else verdict.source
                print(f"MISSED {kind} [{number}:{source}] {text}")
    hits = [hit for found in kinds.values() for hit in found]
    print(f"OrangeSum valid, part '{args.part}': {len(records)} articles")
    alarm_share = 100 * alarms / max(total, 1)
    print(f"false alarms on own sentences  {alarm_share:6.2f} %  ({alarms}/{total})")
    print(
        f"automatic mutations caught     {100 * sum(hits) / max(len(hits), 1):6.1f} %  "
        f"({sum(hits)}/{len(hits)})"
    )
    for kind, found in sorted(kinds.items()):
        print(f"  {kind:12} {100 * sum(found) / len(found):6.1f} %  ({sum(found)}/{len(found)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
