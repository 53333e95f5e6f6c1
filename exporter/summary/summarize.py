"""Extractive, rule-compressed summaries in easy-to-read French, offline and deterministic.

News put the essential first, so the summary always starts from the lead and adds the
sentences most central to the article. Each is compressed into short sentences by rules
that only remove or split text: datelines, parentheses, linking adverbs, appositions,
incidental clauses and trailing details go; long sentences are split where each part
keeps a subject and a verb; a complement at the end is cut when a sentence is still too
long. The only words ever added are a subject repeated from the article (for a split
sentence or in place of "il"/"elle"), "Selon" for reported speech, and the article's
own expansion of an acronym — so every number, date and name of the summary comes from
the article (:mod:`exporter.summary.faithfulness` checks it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from exporter.model import Document, Section
from exporter.summary.compress import shorten
from exporter.summary.glossary import build_glossary, expansions_in
from exporter.summary.model import PlainSummary, SectionBrief
from exporter.summary.readability import readability
from exporter.summary.select import (
    MIN_SENTENCES,
    Piece,
    article_pieces,
    fill_pieces,
    idea_weights,
    select_pieces,
)

logger = logging.getLogger(__name__)


#: Limits tried in turn when too few sentences fit in WORD_LIMIT words.
FALLBACK_WORD_LIMITS = (20, 25)


def gloss_acronyms(sentences: Sequence[str], expansions: dict[str, str]) -> list[str]:
    """Give each acronym its expansion (from the article) at its first use in the summary."""
    result = list(sentences)
    for acronym, expansion in sorted(expansions.items()):
        pattern = re.compile(rf"\b{re.escape(acronym)}\b")
        spelled = re.compile(re.escape(expansion), re.IGNORECASE)
        for index, sentence in enumerate(result):
            expanded = spelled.search(sentence)
            bare = pattern.search(sentence)
            if expanded and (not bare or expanded.start() < bare.start()):
                if any(pattern.search(s) for s in result[index:]):
                    end = expanded.end()
                    result[index] = f"{sentence[:end]} ({acronym}){sentence[end:]}"
                break
            if bare:
                result[index] = f"{sentence[: bare.end()]} ({expansion}){sentence[bare.end() :]}"
                break
    return result


def _brief(
    section: Section, index: int, pieces: Sequence[Piece], title: str
) -> SectionBrief | None:
    """The section's first usable piece: a section, like an article, starts with its gist."""
    own = [piece for piece in pieces if piece.section_index == index]
    if not own:
        return None
    return SectionBrief(section_id=section.id, title=section.title, sentence=own[0].text)


def summarize(document: Document) -> PlainSummary:
    """A 3–6 sentence plain-language summary, one brief per section, glossary, readability."""
    pieces = article_pieces(document)
    selected = select_pieces(pieces, document.title)
    for limit in FALLBACK_WORD_LIMITS:
        if len(selected) >= MIN_SENTENCES:
            break
        # Too few short sentences: accept longer ones rather than say too little.
        longer = article_pieces(document, limit)
        selected = fill_pieces(
            selected, longer, idea_weights(longer, document.title), MIN_SENTENCES
        )
    expansions = expansions_in(document.text)
    chosen = gloss_acronyms([piece.text for piece in selected], expansions)
    sentences = tuple(shorten(sentence) or sentence for sentence in chosen)
    briefs = tuple(
        brief
        for index, section in enumerate(document.sections)
        if (brief := _brief(section, index, pieces, document.title)) is not None
    )
    logger.debug(
        "summary of %r: %d sentences, %d briefs", document.title, len(sentences), len(briefs)
    )
    return PlainSummary(
        sentences=sentences,
        briefs=briefs,
        glossary=build_glossary(document.text),
        original=readability([sentence.text for sentence in document.sentences()]),
        simplified=readability(sentences),
    )
