"""The plain-language summary, built on the document's one linguistic analysis.

1. every article sentence is compressed by its parse (:mod:`.compression`), pronoun
   subjects resolved or the sentence left out (:mod:`.referents`);
2. "L'essentiel": the one or two candidates that best tell the story, in 40 words at most;
3. the summary: up to six candidates that carry the article's point (:mod:`.selection`),
   of PLAIN_WORDS words at most when enough are, the best first and the others in the
   article's order, never opening with the title's repeat; each then said in its
   compression to PLAIN_WORDS words when the checker finds that in the article; people
   introduced at their first mention, one name per actor;
4. one brief per section, which the summary does not already say;
5. a glossary of the hard words the summary itself uses.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import OrderedDict
from collections.abc import Sequence

from exporter.fidelity.checker import check
from exporter.model import Document
from exporter.summary.compression import Compressed, compress, uncompressed, word_count
from exporter.summary.glossary import build_glossary, expansions_in
from exporter.summary.model import PlainSummary, SectionBrief
from exporter.summary.plain_words import plain_words
from exporter.summary.readability import readability
from exporter.summary.referents import introduce, introductions, one_name, resolve_pronouns
from exporter.summary.selection import procedural, repeats_title, score_candidates, select
from exporter.summary.splitting import split_long
from exporter.text.analysis import Analysis, analyse

logger = logging.getLogger(__name__)

MIN_SENTENCES = 3
MAX_SENTENCES = 6
#: Easy-to-read sentences hold at most this many words; longer ones are a fallback.
PLAIN_WORDS = 12
#: Word targets tried in turn when too few sentences fit the default one.
FALLBACK_TARGETS = (20, 28)
ESSENTIEL_WORDS = 40
#: A section's brief is one sentence of at most this many words.
BRIEF_WORDS = 30
#: Essentiel sentences may be longer than the summary's: they tell the whole story.
ESSENTIEL_TARGETS = (24, 40)
#: A first essentiel sentence shorter than this leaves room for a second one.
ESSENTIEL_ROOM = 22


def candidates(
    analysis: Analysis, *, target: int | None = None, targets: Sequence[int] = ()
) -> list[Compressed]:
    """Every sentence compressed (to ``target`` words, or to each of ``targets`` with the
    whole sentence as well); only what the independent checker finds supported by the
    article is kept (a compression the parse got wrong is dropped, not shown)."""
    found: list[Compressed] = []
    for sentence in analysis.sentences:
        if targets:
            seen: set[str] = set()
            versions = [c for t in targets for c in compress(sentence, target=t)]
            for version in [*versions, *uncompressed(sentence)]:
                if version.text not in seen:
                    seen.add(version.text)
                    found.append(version)
        else:
            found += compress(sentence) if target is None else compress(sentence, target=target)
    found = _prepared(analysis, found)
    supported = _supported(analysis, [candidate.text for candidate in found])
    return [c for c, ok in zip(found, supported, strict=True) if ok]


def _prepared(analysis: Analysis, found: Sequence[Compressed]) -> list[Compressed]:
    """Compressions as the summary says them: a pronoun subject resolved (or the
    candidate left out), rare verbs in plain words."""
    said: list[Compressed] = []
    for candidate in found:
        # One at a time, so that what the candidate is besides its text (its clause) stays.
        for resolved in resolve_pronouns(analysis, [candidate]):
            text = plain_words(resolved.text, analysis.sentences[candidate.source])
            said.append(dataclasses.replace(candidate, text=text))
    return said


#: The checker's verdicts on the candidates of the last analyses: the pools (summary,
#: essentiel, briefs) share most of their sentences, each is checked once.
_JUDGED: OrderedDict[Analysis, dict[str, bool]] = OrderedDict()
_JUDGED_ANALYSES = 2


def _supported(analysis: Analysis, texts: Sequence[str]) -> list[bool]:
    judged = _JUDGED.setdefault(analysis, {})
    _JUDGED.move_to_end(analysis)
    while len(_JUDGED) > _JUDGED_ANALYSES:
        _JUDGED.popitem(last=False)
    new = [text for text in dict.fromkeys(texts) if text not in judged]
    if new:
        verdicts = check(analysis, new)
        judged.update((v.sentence, v.supported) for v in verdicts)
        rejected = [(v.sentence, v.problems) for v in verdicts if not v.supported]
        if rejected:
            logger.debug("%d of %d new candidates rejected by the checker: %s",
                         len(rejected), len(new), rejected)  # fmt: skip
    return [judged[text] for text in texts]


def essentiel_pool(analysis: Analysis) -> list[Compressed]:
    """What the essentiel chooses from: each sentence compressed to ESSENTIEL_TARGETS
    words, and whole when it is short enough."""
    return candidates(analysis, targets=ESSENTIEL_TARGETS)


def essentiel_choice(analysis: Analysis) -> list[Compressed]:
    """One or two candidates (40 words at most) that tell the whole story: the best, and
    a second one when the first leaves room (ESSENTIEL_ROOM words)."""
    pool = essentiel_pool(analysis)
    chosen = select(analysis, pool, count=1, max_words=ESSENTIEL_WORDS)
    size = sum(word_count(c.text) for c in chosen)
    if chosen and size < ESSENTIEL_ROOM:
        rest = [c for c in pool if c.source != chosen[0].source]
        more = select(analysis, rest, count=1, max_words=ESSENTIEL_WORDS - size)
        chosen = sorted([*chosen, *more], key=lambda c: c.source)
    return chosen


def essentiel(analysis: Analysis) -> tuple[str, ...]:
    """The essentiel's sentences, people introduced at their first mention."""
    texts = [candidate.text for candidate in essentiel_choice(analysis)]
    return tuple(introduce(texts, introductions(analysis)))


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


def _briefs(
    document: Document, analysis: Analysis, pool: list[Compressed], used: set[int]
) -> list[SectionBrief]:
    """Each section's best candidate from a sentence the summary does not already tell."""
    briefs: list[SectionBrief] = []
    scored = sorted(score_candidates(analysis, pool), key=lambda s: -s.score)
    start = 0
    for section in document.sections:
        count = sum(1 for _ in section.sentences())
        own = [
            s
            for s in scored
            if start <= s.candidate.source < start + count
            and s.candidate.source not in used
            and not repeats_title(s, analysis)
            and word_count(s.candidate.text) <= BRIEF_WORDS
        ]
        start += count
        if not own:
            continue
        best = own[0].candidate
        source = analysis.sentences[best.source]
        text = best.text
        first = source.tokens[0] if source.tokens else None
        if first is not None and first.pos not in {"PROPN"} and not first.ent_type:
            text = text[:1].lower() + text[1:]
        briefs.append(SectionBrief(section_id=section.id, title=section.title, sentence=text))
        used.add(best.source)
    return briefs


#: The summary reads at most this many sentences, the first (news put the essential
#: first): its work and memory (a parse per sentence) stay bounded whatever the length.
MAX_SUMMARY_SENTENCES = 300
#: Longer "sentences" (text without punctuation) cannot become plain sentences.
MAX_SUMMARY_SENTENCE_CHARS = 1_500


def summary_scope(document: Document) -> Document:
    """The part of ``document`` the summary reads: its first MAX_SUMMARY_SENTENCES
    sentences of at most MAX_SUMMARY_SENTENCE_CHARS characters (later sections get no
    brief)."""
    budget = MAX_SUMMARY_SENTENCES
    sections = []
    for section in document.sections:
        paragraphs = []
        for paragraph in section.paragraphs:
            kept = tuple(
                sentence
                for sentence in paragraph.sentences
                if len(sentence.text) <= MAX_SUMMARY_SENTENCE_CHARS
            )[: max(budget, 0)]
            budget -= len(kept)
            if kept:
                paragraphs.append(dataclasses.replace(paragraph, sentences=kept))
        if paragraphs:
            sections.append(dataclasses.replace(section, paragraphs=tuple(paragraphs)))
        if budget <= 0:
            break
    return dataclasses.replace(document, sections=tuple(sections))


def _points(analysis: Analysis, told: set[int]) -> tuple[list[Compressed], list[Compressed]]:
    """The summary's candidates and chosen sentences, none from the sentences ``told``:
    plain ones first, longer ones only when too few short ones are left."""
    # Chosen among compressions to 14 words (compression's default), then said in 12
    # (_plainer): chosen among 12-word ones, more articles would have three short
    # candidates and so fewer points, and the Wikinews keyphrases the points keep would
    # fall (held out 58.3 -> 54.5 %).
    pool = [c for c in candidates(analysis) if c.source not in told]
    # What was said or decided before who spoke when: procedural sentences only fill in.
    claims = [c for c in pool if not procedural(analysis.sentences[c.source])]
    if len({c.source for c in claims}) >= MIN_SENTENCES:
        pool = claims
    short = [c for c in pool if word_count(c.text) <= PLAIN_WORDS]
    chosen = select(analysis, short, count=MAX_SENTENCES, best_first=True)
    if len(chosen) < MIN_SENTENCES:
        chosen = select(analysis, pool, count=MAX_SENTENCES, best_first=True)
    for target in FALLBACK_TARGETS:
        if len(chosen) >= MIN_SENTENCES:
            break
        # Too few short sentences survive: accept longer ones rather than say too little.
        pool = [c for c in candidates(analysis, target=target) if c.source not in told]
        chosen = select(analysis, pool, count=MAX_SENTENCES, best_first=True)
    return pool, [_plainer(analysis, c) for c in chosen]


def _plainer(analysis: Analysis, chosen: Compressed) -> Compressed:
    """The chosen point compressed to PLAIN_WORDS words, when that drops something and the
    checker still finds it in the article; else as chosen.

    The points are chosen among compressions to 14 words (or a fallback target) and only
    then shortened: chosen among 12-word compressions, more articles would have three
    short candidates and so get fewer, shorter points, which keep fewer of the Wikinews
    keyphrases (held-out half 58.3 -> 54.5 %). Shortened after the choice, the same
    sentences are told: keyphrases held out 58.3 % (unchanged), tuning half 53.2 -> 53.8 %;
    OrangeSum's report half 12.9 -> 12.5 words a sentence, Kandel-Moles 69.8 -> 70.4,
    ROUGE-L of the points 15.3 (unchanged); tuning half 12.5 -> 12.3 words, Kandel-Moles
    66.6 -> 66.5 (with the compression guards of the same change, which keep words)."""
    sentence = analysis.sentences[chosen.source]
    shorter = [
        version
        for version in compress(sentence, target=PLAIN_WORDS)
        if version.clause == chosen.clause
    ]
    said = _prepared(analysis, shorter)
    if not said or word_count(said[0].text) >= word_count(chosen.text):
        return chosen
    if not _supported(analysis, [said[0].text])[0]:
        return chosen
    return dataclasses.replace(said[0], split=chosen.split)


def _one_name(analysis: Analysis, texts: list[str], gist: Sequence[str]) -> list[str]:
    """One name per actor (:func:`.referents.one_name`, the essentiel's names first).
    A renamed sentence is kept when the checker still finds it in the article; one it
    rejects is left out while MIN_SENTENCES others remain (a second name for the same
    actor reads as another actor), kept as written otherwise."""
    renamed = one_name(texts, before=gist)
    changed = [new for old, new in zip(texts, renamed, strict=True) if new != old]
    verdicts = dict(zip(changed, _supported(analysis, changed), strict=True))
    rejected = sum(1 for new in changed if not verdicts[new])
    spare = len(texts) - rejected >= MIN_SENTENCES
    result: list[str] = []
    for old, new in zip(texts, renamed, strict=True):
        if new == old or verdicts[new]:
            result.append(new)
        elif not spare:
            result.append(old)
        else:
            logger.debug("left out, its actor named otherwise before: %r", old)
    return result


def summarize(document: Document) -> PlainSummary:
    """A 3–6 sentence plain-language summary with its essentiel, briefs and glossary,
    from the article's first sentences (:func:`summary_scope`)."""
    whole = document
    document = summary_scope(document)
    analysis = analyse(document)
    gist_choice = essentiel_choice(analysis)
    # The summary does not repeat what the essentiel, read just before it, says — unless
    # the article is too short to say enough otherwise.
    told = {c.source for c in gist_choice}
    pool, chosen = _points(analysis, told)
    if len(chosen) < MIN_SENTENCES and told:
        told = set()
        pool, chosen = _points(analysis, told)
    # Long points cut at their clause boundaries, each part checked against the article.
    points = split_long(
        [c.text for c in chosen],
        limit=PLAIN_WORDS,
        supported=lambda parts: _supported(analysis, parts),
        most=MAX_SENTENCES,
    )
    texts = introduce(points, introductions(analysis))
    gist = tuple(introduce([c.text for c in gist_choice], introductions(analysis)))
    texts = _one_name(analysis, texts, gist)
    texts = gloss_acronyms(texts, expansions_in(document.text))
    used = {c.source for c in chosen} | told  # article sentences already told
    briefs: list[SectionBrief] = []
    if len(document.sections) > 1:
        briefs = _briefs(document, analysis, pool, set(used))
        if len(briefs) < len(document.sections):  # a section with only long sentences
            longer = candidates(analysis, target=FALLBACK_TARGETS[-1])
            briefs = _briefs(document, analysis, [*pool, *longer], set(used))
    # The last rewrites (introductions, acronyms) are checked again: what fails goes.
    final = check(analysis, [*gist, *texts])
    count = len(gist)
    gist = tuple(t for t, v in zip(gist, final[:count], strict=True) if v.supported)
    texts = [t for t, v in zip(texts, final[count:], strict=True) if v.supported]
    logger.debug("summary of %r: %d sentences", document.title, len(texts))
    return PlainSummary(
        essentiel=gist,
        sentences=tuple(texts),
        briefs=tuple(briefs),
        # The hard words the summary uses, their senses chosen against the whole article.
        glossary=build_glossary(" ".join([*gist, *texts]), context=whole.text),
        original=readability([sentence.text for sentence in whole.sentences()]),
        simplified=readability(texts),
    )
