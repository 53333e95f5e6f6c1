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
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.model import Document, Section
from exporter.summary.faithfulness import dangling_pronoun, incomplete
from exporter.summary.french_words import (
    CONNECTIVES,
    ADVERBIAL_OPENERS,
    CUT_WORDS,
    DEMONSTRATIVE_TO_DEFINITE,
    INCIDENTAL_OPENERS,
    RELATIVE_PRONOUNS,
    SPEECH_PARTICIPLES,
    STOPWORDS,
    SUBJECT_PRONOUNS,
)
from exporter.summary.glossary import build_glossary, expansions_in
from exporter.summary.grammar import (
    first_verb_index,
    has_clean_subject,
    has_verb,
    is_finite_verb,
    lemma,
    noun_phrase_features,
    without_attribution,
)
from exporter.summary.model import PlainSummary, SectionBrief
from exporter.summary.readability import readability, words

logger = logging.getLogger(__name__)

MIN_SENTENCES = 3
MAX_SENTENCES = 5
#: FALC: short sentences. Every summary sentence is cut to this many words at most.
WORD_LIMIT = 15
#: Fewer words than this after the verb and a cut would leave the verb without its object.
MIN_WORDS_AFTER_VERB = 3
MAX_SUBJECT_WORDS = 8
#: A sentence sharing this share of its ideas with those already chosen adds nothing.
REDUNDANT_SHARE = 0.6

_DATELINE = re.compile(
    r"^\s*\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}(?:\s*,\s*[^.,]{1,40})?\s*\.\s*(?:[-–—]\s*)?"
)
#: "Québec - Le forum s'ouvre": a place dateline before a dash.
_PLACE_DATELINE = re.compile(r"^[A-ZÀ-Ý][\w’' -]{1,40}?\s+[-–—]\s+(?=[A-ZÀ-Ý])")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_TOKEN = re.compile(r"[\w'’-]+")
_QUOTE = re.compile(r"[«»\"“”]")
_SPACES = re.compile(r"\s+")
_PARTICIPLE = re.compile(r"\w{3,}(?:ant|ants|é|ée|és|ées)$")


# --- small pure text steps -------------------------------------------------------------


def strip_dateline(sentence: str) -> str:
    """'22 mai 2012. - Le lancement …' -> 'Le lancement …'; a bare dateline -> ''."""
    return _PLACE_DATELINE.sub("", _DATELINE.sub("", sentence)).strip()


def drop_parentheses(sentence: str) -> str:
    return _PARENTHESIS.sub("", sentence)


def tidy(sentence: str) -> str:
    """Spaces, stray commas, a final stop and a capital first letter."""
    sentence = sentence.replace("\u00ad", "")  # soft hyphens from web pages
    sentence = _SPACES.sub(" ", sentence).strip(" ,;:")
    sentence = re.sub(r"\s+([,.;:])", r"\1", sentence)
    sentence = re.sub(r",\s*,", ",", sentence)
    sentence = re.sub(r"[,;:]\s*\.$", ".", sentence)
    if not sentence:
        return ""
    if sentence[-1] not in ".!?":
        sentence = sentence.rstrip(".…") + "."
    return sentence[0].upper() + sentence[1:]


def drop_connectives(sentence: str) -> str:
    """'La délégation a ensuite participé' -> 'La délégation a participé'."""
    alternatives = "|".join(re.escape(word) for word in CONNECTIVES)
    pattern = rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])(?!\s+(?:en plus|que|qu['’]))\s*,?\s*"
    return tidy(re.sub(pattern, "", sentence, flags=re.IGNORECASE))


def attribute_reported_speech(sentence: str) -> str:
    """'P, a affirmé la délégation.' -> 'Selon la délégation, P.' (the speaker stays)."""
    match = re.match(
        r"^(?P<said>.+),\s+(?:a|ont|avait|avaient)\s+(?P<verb>[\w-]+)\s+(?P<speaker>[^,]{3,60})\.$",
        sentence,
    )
    if not match or match.group("verb").casefold() not in SPEECH_PARTICIPLES:
        return sentence
    said = match.group("said")
    return tidy(f"Selon {match.group('speaker')}, {said[0].lower()}{said[1:]}")


def drop_leading_adverbial(sentence: str) -> str:
    """'Après la guerre, il lance …' -> 'il lance …', when what follows stands alone."""
    segments = sentence.split(", ")
    for count in range(1, len(segments)):
        head = ", ".join(segments[:count])
        if has_verb(head) or not opens_adverbial(head):
            return sentence
        rest = tidy(", ".join(segments[count:]))
        if has_clean_subject(rest):
            return rest
    return sentence


def opens_adverbial(phrase: str) -> bool:
    """'Après la guerre', 'Prévu pour samedi', 'Le 22 mai': not a subject."""
    tokens = phrase.split()
    if not tokens or phrase.casefold().startswith(("selon", "d'après", "d’après")):
        return False
    first = tokens[0].casefold()
    return (
        first in ADVERBIAL_OPENERS
        or _PARTICIPLE.match(first) is not None
        or first.endswith(("u", "is", "it"))
        and lemma(first) != first
        or re.search(r"\d", phrase) is not None
    )


def drop_incidental_clauses(sentence: str) -> str:
    """Drop clauses set off by commas that add detail, not the main idea."""
    openers = "|".join(re.escape(opener) for opener in INCIDENTAL_OPENERS)
    sentence = re.sub(rf",\s+(?:{openers})\b[^,]*,", ",", sentence, flags=re.IGNORECASE)
    sentence = re.sub(rf"^(?:{openers})\b[^,]*,\s*", "", sentence, flags=re.IGNORECASE)
    relatives = "|".join(RELATIVE_PRONOUNS)
    sentence = re.sub(rf",\s+(?:{relatives})\b[^,;]*,\s*", " ", sentence)
    sentence = re.sub(rf",\s+(?:{relatives})\b[^,;]*(?=\.$)", "", sentence)
    return drop_apposition(sentence)


def drop_apposition(sentence: str) -> str:
    """'Wu Zhaohui, vice-ministre …, a prononcé' -> 'Wu Zhaohui a prononcé'."""
    match = re.match(r"^([^,]{2,80}),\s+([^,]{1,120}),\s+(.*)$", sentence)
    if not match or has_verb(match.group(1)) or has_verb(match.group(2)):
        return sentence
    if opens_adverbial(match.group(1)):
        return sentence
    glue = ", " if without_attribution(sentence) != sentence else " "
    joined = f"{match.group(1).strip()}{glue}{match.group(3)}"
    return joined if has_clean_subject(joined) else sentence


def drop_trailing_details(sentence: str) -> str:
    """'X a dévoilé le gouvernement, composé de …' -> 'X a dévoilé le gouvernement.'"""
    while True:
        head, comma, tail = sentence.rpartition(", ")
        if not comma or has_verb(tail) or not has_clean_subject(head):
            return sentence
        sentence = tidy(head)


def definite_opening(sentence: str) -> str:
    """'Ces journées sont …' -> 'Les journées sont …' (the pointing-back is lost anyway)."""
    match = re.match(r"^(\w+)\s+(\w)", sentence)
    if not match or match.group(1).casefold() not in DEMONSTRATIVE_TO_DEFINITE:
        return sentence
    if match.group(1).casefold() == "ce" and match.group(2) in "qd":  # "ce qui", "ce dernier"
        return sentence
    article = DEMONSTRATIVE_TO_DEFINITE[match.group(1).casefold()].capitalize()
    rest = sentence[len(match.group(1)) :].lstrip()
    return f"{article}{rest}" if article.endswith("'") else f"{article} {rest}"


def subject_of(sentence: str) -> str | None:
    """The words before the first verb, when they form a short, self-standing subject."""
    tokens = without_attribution(sentence).split()
    index = first_verb_index(tokens)
    if not index or index > MAX_SUBJECT_WORDS:
        return None
    # "s'est", "n'a": the clitic belongs to the verb group, not to the subject.
    while index > 0 and tokens[index - 1].casefold() in {"ne", "se", "y", "en", "ont", "a"}:
        index -= 1
    subject = " ".join(tokens[:index])
    if not subject or "," in subject:
        return None
    return subject


def head_of(subject: str) -> str:
    """The noun phrase's core: 'La délégation chinoise au Sommet …' -> 'La délégation chinoise'."""
    tokens = subject.split()
    for index in range(2, len(tokens)):
        word = tokens[index].casefold()
        if word in CUT_WORDS or word in {"de", "des", "du", "d'", "qui"} or _PARTICIPLE.match(word):
            return " ".join(tokens[:index])
    return subject


def split_sentence(sentence: str) -> list[str]:
    """Split at '; ', ', mais', ', tandis que' and 'et' before a verb, repeating the subject."""
    pieces: list[str] = []
    for part in re.split(r"\s*;\s+|,\s+(?:mais|tandis que|alors que)\s+", sentence):
        for clause in _split_at_commas(part):
            pieces.extend(_split_at_and(clause))
    complete = [tidy(piece) for piece in pieces]
    if len(complete) > 1 and not all(has_clean_subject(piece) for piece in complete):
        return [tidy(sentence)]
    return complete


def _split_at_commas(sentence: str) -> list[str]:
    """'A revient à X, B reçoit la Défense' -> two clauses, each with its own subject."""
    clauses: list[str] = []
    for segment in sentence.split(", "):
        if clauses and has_clean_subject(clauses[-1]) and has_clean_subject(segment):
            if segment.split()[0].casefold() not in CUT_WORDS:
                clauses.append(segment)
                continue
        if clauses:
            clauses[-1] = f"{clauses[-1]}, {segment}"
        else:
            clauses.append(segment)
    return clauses


def _split_at_and(clause: str) -> list[str]:
    tokens = clause.split()
    for index in range(1, len(tokens) - 1):
        if tokens[index] != "et" or not is_finite_verb(tokens[index + 1]):
            continue
        first = " ".join(tokens[:index]).rstrip(",")
        subject = subject_of(first)
        if subject is None or not has_verb(first):
            continue
        second = f"{head_of(subject)} {' '.join(tokens[index + 1 :])}"
        return [first, *_split_at_and(second)]
    return [clause]


def _cut_points(tokens: Sequence[str], start: int) -> list[int]:
    """Indexes where the sentence may end: before a complement, outside parentheses."""
    points: list[int] = []
    depth = 0
    for index, token in enumerate(tokens):
        if index >= start and depth == 0 and index > 0:
            word = re.split(r"['’]", token.casefold())[0]
            after_verb = is_finite_verb(tokens[index - 1])
            boundary = word in CUT_WORDS or tokens[index - 1].endswith(",")
            if not after_verb and (boundary or _PARTICIPLE.match(word)):
                points.append(index)
        depth += token.count("(") - token.count(")")
    return points


def shorten(sentence: str, limit: int = WORD_LIMIT) -> str | None:
    """The sentence cut to at most ``limit`` words, or None when no clean cut exists.

    Complements at the end go first; a long subject may lose its own complements
    ("La délégation chinoise au Sommet …" -> "La délégation chinoise").
    """
    if len(words(sentence)) <= limit:
        return sentence
    tokens = sentence.rstrip(".").split()
    verb = first_verb_index(tokens)
    if verb is None:
        return None
    subject_cuts = [verb]
    subject = " ".join(tokens[:verb])
    head = head_of(subject)
    # Only a plain noun phrase may lose its complements, and never a coordinated one.
    plain = (
        noun_phrase_features(subject) != "?-?"
        and "," not in subject
        and not opens_adverbial(subject)
    )
    coordinated = re.search(r"\s(?:et|ou)\s", subject[len(head) :]) is not None
    if head != subject and plain and not coordinated:
        subject_cuts.append(len(head.split()))
    best: str | None = None
    for subject_end in subject_cuts:
        kept = [*tokens[:subject_end], *tokens[verb:]]
        start = subject_end + MIN_WORDS_AFTER_VERB + 1
        for end in [len(kept), *reversed(_cut_points(kept, start))]:
            candidate = tidy(" ".join(kept[:end]))
            if len(words(candidate)) > limit:
                continue
            if not incomplete(candidate) and (best is None or len(candidate) > len(best)):
                best = candidate
            break
    return best


def simplify(sentence: str, limit: int = WORD_LIMIT) -> list[str]:
    """One article sentence -> zero or more short, complete plain sentences."""
    sentence = strip_dateline(sentence)
    if not sentence or _QUOTE.search(sentence) or re.search(r"[?!]", sentence):
        return []
    sentence = drop_connectives(tidy(drop_parentheses(sentence)))
    sentence = attribute_reported_speech(sentence)
    sentence = tidy(drop_incidental_clauses(sentence))
    sentence = drop_leading_adverbial(sentence)
    pieces: list[str] = []
    for piece in split_sentence(sentence):
        short = shorten(definite_opening(drop_trailing_details(piece)), limit)
        if short and has_clean_subject(short) and not incomplete(short):
            pieces.append(short)
    return pieces


# --- pronouns --------------------------------------------------------------------------


def resolve_pronoun(sentence: str, referents: Sequence[str]) -> str | None:
    """'Elle a demandé …' -> 'La délégation chinoise a demandé …', or None if unknown.

    Only the subjects of the sentence just before are tried, and only one whose
    determiner agrees with the pronoun: a wrong referent is worse than none.
    """
    first = _TOKEN.match(sentence)
    if first is None:
        return None
    pronoun = first.group(0).casefold()
    if dangling_pronoun(sentence) is None:
        return sentence
    accepted = SUBJECT_PRONOUNS.get(pronoun)
    if accepted is None:
        return None
    for referent in referents:
        if noun_phrase_features(referent) in accepted:
            rest = sentence[first.end() :]
            return referent[0].upper() + referent[1:] + rest
    return None


# --- choosing sentences ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Piece:
    """A short plain sentence made from one sentence of the article."""

    position: int
    section_index: int
    text: str


def content_lemmas(text: str) -> set[str]:
    return {
        lemma(word)
        for word in words(text)
        if len(word) > 3 and word.casefold() not in STOPWORDS and not word[0].isdigit()
    }


def _pieces(document: Document) -> list[Piece]:
    """Every article sentence simplified, pronoun subjects replaced by their referent."""
    found: list[Piece] = []
    referents: list[str] = []
    position = 0
    for section_index, section in enumerate(document.sections):
        for sentence in section.sentences():
            text = strip_dateline(sentence.text)
            if not text:
                continue
            current: list[str] = []
            for piece in simplify(text):
                resolved = resolve_pronoun(piece, referents)
                if resolved is None:
                    continue
                resolved = definite_opening(resolved)
                found.append(Piece(position=position, section_index=section_index, text=resolved))
                subject = subject_of(resolved)
                if subject:
                    current.append(head_of(subject))
            speaker = re.match(r"^Selon ([^,]+),", attribute_reported_speech(tidy(text)))
            if speaker:
                current.insert(0, speaker.group(1))
            referents = current or _raw_subjects(text)
            position += 1
    return found


def _raw_subjects(sentence: str) -> list[str]:
    subject = subject_of(drop_apposition(drop_parentheses(sentence)))
    return [head_of(subject)] if subject and dangling_pronoun(subject + " a.") is None else []


def _scores(pieces: Sequence[Piece], title: str) -> dict[str, float]:
    """How many of a piece's ideas recur in the other pieces and in the title."""
    bags = {piece.text: content_lemmas(piece.text) for piece in pieces}
    frequency: Counter[str] = Counter()
    for bag in bags.values():
        frequency.update(bag)
    title_lemmas = content_lemmas(title)
    return {
        text: (sum(frequency[item] - 1 for item in bag) + 2 * len(bag & title_lemmas))
        / math.sqrt(len(bag) + 1)
        for text, bag in bags.items()
    }


def _select(pieces: Sequence[Piece], title: str) -> list[str]:
    """The lead's pieces first, then the most central ones, in the article's order."""
    if not pieces:
        return []
    scores = _scores(pieces, title)
    lead_position = pieces[0].position
    lead = [piece for piece in pieces if piece.position == lead_position][:2]
    others = sorted(
        (piece for piece in pieces if piece.position != lead_position),
        key=lambda piece: (-scores[piece.text], piece.position),
    )
    chosen: list[Piece] = []
    seen: set[str] = set()
    for piece in [*lead, *others]:
        if len(chosen) >= MAX_SENTENCES:
            break
        bag = content_lemmas(piece.text)
        if bag and len(bag & seen) >= REDUNDANT_SHARE * len(bag):
            continue
        if piece.text in {c.text for c in chosen}:
            continue
        chosen.append(piece)
        seen |= bag
    chosen.sort(key=lambda piece: (piece.position, pieces.index(piece)))
    return [piece.text for piece in chosen]


def expand_acronyms(sentences: Sequence[str], expansions: dict[str, str]) -> list[str]:
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


def _brief(section: Section, index: int, pieces: Sequence[Piece], title: str) -> SectionBrief | None:
    """The section's first usable piece: a section, like an article, starts with its gist."""
    own = [piece for piece in pieces if piece.section_index == index]
    if not own:
        return None
    return SectionBrief(section_id=section.id, title=section.title, sentence=own[0].text)


def summarize(document: Document) -> PlainSummary:
    """A 3–5 sentence plain-language summary, one brief per section, glossary, readability."""
    pieces = _pieces(document)
    expansions = expansions_in(document.text)
    chosen = expand_acronyms(_select(pieces, document.title), expansions)
    sentences = tuple(
        fitted for sentence in chosen if (fitted := shorten(sentence) or sentence)
    )
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
