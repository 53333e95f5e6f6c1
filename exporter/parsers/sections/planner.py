"""Sections and French section titles for articles that come without headings.

Boundaries follow lexical cohesion (:mod:`.boundaries`, TextTiling). The lead paragraph
opens the first section instead of standing alone: on the Wikinews benchmark
(``benchmarks/segmentation.py``) that scores better, and a one-paragraph chapter is a poor
unit to listen to. Each section is then titled with what it is about: a noun phrase of its
own chosen on the language analysis (:mod:`.topics`, "La représentation des pays en
développement"), else from the noun-phrase tables (:mod:`.titles`), different from the
titles before it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.parsers.sections.boundaries import section_starts
from exporter.parsers.sections.titles import ArticleWords, TakenTitles, title_section
from exporter.parsers.sections.topics import AnalysisUnavailableError, topic_titles

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class SectionPlan:
    title: str
    start: int  # index of the first paragraph
    end: int  # one past the last paragraph


def infer_sections(paragraphs: Sequence[str], *, document_title: str = "") -> list[SectionPlan]:
    """Group an article's paragraphs into titled sections, in order, without gaps."""
    words = ArticleWords.of(paragraphs)
    starts = section_starts(paragraphs, lemmas=words.lemmas)
    ends = [*starts[1:], len(paragraphs)] if starts else []
    plans: list[SectionPlan] = []
    taken = TakenTitles((), document_title)
    try:
        topics = topic_titles(
            [paragraphs[start:end] for start, end in zip(starts, ends, strict=True)],
            document_title,
        )
    except AnalysisUnavailableError as error:
        logger.info("no language model (%s): section titles from the noun-phrase tables", error)
        topics = [""] * len(starts)
    for start, end, topic in zip(starts, ends, topics, strict=True):
        title = topic if topic and topic.casefold() not in taken.casefolded else ""
        title = title or title_section(words, start, end, taken)
        taken.add(title)
        plans.append(SectionPlan(title=title, start=start, end=end))
    logger.debug("inferred %d sections for %d paragraphs", len(plans), len(paragraphs))
    return plans
