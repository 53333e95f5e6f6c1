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
from exporter.summary.faithfulness import dangling_pronoun, incomplete, object_pronoun
from exporter.summary.french_words import (
    ADVERBIAL_OPENERS,
    CONNECTIVES,
    CUT_WORDS,
    DEMONSTRATIVE_TO_DEFINITE,
    DETERMINER_FEATURES,
    INCIDENTAL_OPENERS,
    RELATIVE_PRONOUNS,
    SPEECH_PARTICIPLES,
    SUBJECT_PRONOUNS,
    TIME_NOUNS,
)
from exporter.summary.glossary import build_glossary, expansions_in
from exporter.summary.grammar import (
    first_verb_index,
    has_clean_subject,
    has_verb,
    is_finite_verb,
    is_noun,
    is_verb_at,
    noun_phrase_features,
    without_attribution,
)
from exporter.summary.model import PlainSummary, SectionBrief
from exporter.summary.readability import readability, words
from exporter.text.words import PARTICIPLE_SHAPE, SUMMARY_STOP_WORDS, is_participle, lemma

logger = logging.getLogger(__name__)

MIN_SENTENCES = 3
MAX_SENTENCES = 6
#: FALC: short sentences. Every summary sentence is cut to this many words at most.
WORD_LIMIT = 15
#: Limits tried in turn when too few sentences fit in WORD_LIMIT words.
FALLBACK_WORD_LIMITS = (20, 25)
#: Fewer words than this after the verb and a cut would leave the verb without its object.
MIN_WORDS_AFTER_VERB = 3
MAX_SUBJECT_WORDS = 8
#: Weight of a word shared with the title, against one shared with another sentence.
TITLE_WEIGHT = 6
#: Bonus of the first sentence after the lead (halved for the next, and so on).
EARLY_BONUS = 1.0
#: Longer sentences must bring more: gain is divided by length to this power.
LENGTH_EXPONENT = 1.0
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
#: A tail after a comma that opens with one of these may be the verb's own complement.
ARGUMENT_OPENERS = frozenset(
    {"de", "d'", "d’", "à", "au", "aux", "que", "qu'", "qu’", "pour", "en", "entre", "et", "ou"}
)


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
        or PARTICIPLE_SHAPE.match(first) is not None
        or (first.endswith(("u", "is", "it")) and lemma(first) != first)
        or re.match(r"^(?:le\s+|l['’])?\d", phrase.casefold()) is not None
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
        first = tail.split()[0].casefold() if tail.split() else ""
        if first in ARGUMENT_OPENERS and not is_participle(first):
            return sentence  # "…a décidé hier, d'accorder l'asile": the verb's object
        sentence = tidy(head)


def definite_opening(sentence: str) -> str:
    """'Ces journées sont …' -> 'Les journées sont …' (the pointing-back is lost anyway)."""
    match = re.match(r"^(\w+)\s+(\w)", sentence)
    if not match or match.group(1).casefold() not in DEMONSTRATIVE_TO_DEFINITE:
        return sentence
    if match.group(1).casefold() == "ce" and match.group(2) in "qd":  # "ce qui", "ce dernier"
        return sentence
    noun = re.match(r"^\w+\s+([\w-]+)", sentence)
    if noun and noun.group(1).split("-")[0].casefold() in TIME_NOUNS:
        return sentence
    article = DEMONSTRATIVE_TO_DEFINITE[match.group(1).casefold()].capitalize()
    rest = sentence[len(match.group(1)) :].lstrip()
    if rest[:1].casefold() in "aeiouyhàâéèêëîïôœ":
        article = "L'"
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
        if word in CUT_WORDS or word in {"de", "des", "du", "d'", "qui"} or is_participle(word):
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
        both_clauses = clauses and has_clean_subject(clauses[-1]) and has_clean_subject(segment)
        if both_clauses and segment.split()[0].casefold() not in CUT_WORDS:
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
            # "entre 2008 et 2009" is one complement: no cut at its "et".
            between = word == "et" and "entre" in (t.casefold() for t in tokens[index - 4 : index])
            boundary = word in CUT_WORDS or tokens[index - 1].endswith(",")
            if not after_verb and not between and (boundary or PARTICIPLE_SHAPE.match(word)):
                points.append(index)
        depth += token.count("(") - token.count(")")
    return points


#: "… et un adjudant": a second noun phrase joined to the first (both are the subject).
_COORDINATED_PHRASE = re.compile(
    r"\s(?:et|ou)\s+(?:le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs|[A-ZÀ-Ý\d])"
)


def _trimmable_phrase(tokens: Sequence[str], start: int, end: int) -> list[str] | None:
    """tokens[start:end], a noun phrase, reduced to its core, or None if it cannot be."""
    phrase = " ".join(tokens[start:end])
    comma = phrase.endswith(",")
    phrase = phrase.rstrip(",")
    head = head_of(phrase)
    # Only a plain noun phrase may lose its complements, and never a coordinated one.
    plain = noun_phrase_features(phrase) != "?-?" and "," not in phrase
    coordinated = _COORDINATED_PHRASE.search(phrase[len(head) :]) is not None
    if head == phrase or not plain or coordinated or opens_adverbial(phrase):
        return None
    return (head + ("," if comma else "")).split()


def _subject_spans(tokens: Sequence[str], verb: int) -> list[tuple[int, int]]:
    """Noun phrases that may lose their complements: 'Selon X,', the subject, and the
    subject of a 'que' clause."""
    spans: list[tuple[int, int]] = []
    subject_start = 0
    if tokens[0].casefold() in {"selon", "d'après", "d’après"}:
        comma = next((i for i, t in enumerate(tokens[:verb]) if t.endswith(",")), None)
        if comma is not None:
            spans.append((1, comma + 1))
            subject_start = comma + 1
    spans.append((subject_start, verb))
    for index in range(verb + 1, len(tokens) - 1):
        if tokens[index].casefold() == "que":
            inner = first_verb_index(tokens[index + 1 :])
            if inner:
                spans.append((index + 1, index + 1 + inner))
            break
    return spans


def _variants(tokens: Sequence[str], verb: int) -> list[list[str]]:
    """The sentence with every combination of its noun phrases reduced to their core."""
    variants: list[list[str]] = [list(tokens)]
    for start, end in reversed(_subject_spans(tokens, verb)):
        for variant in list(variants):
            trimmed = _trimmable_phrase(variant, start, end)
            if trimmed is not None:
                variants.append([*variant[:start], *trimmed, *variant[end:]])
    return variants


def shorten(sentence: str, limit: int = WORD_LIMIT) -> str | None:
    """The sentence cut to at most ``limit`` words, or None when no clean cut exists.

    Complements at the end go first; long noun phrases (subject, "Selon X", subject of a
    "que" clause) may lose their own complements ("La délégation chinoise au Sommet …"
    -> "La délégation chinoise"). The longest complete result wins.
    """
    if len(words(sentence)) <= limit:
        return sentence
    tokens = sentence.rstrip(".").split()
    verb = first_verb_index(tokens)
    if verb is None:
        return None
    best: str | None = None
    for kept in _variants(tokens, verb):
        kept_verb = first_verb_index(kept)
        if kept_verb is None:
            continue
        start = kept_verb + MIN_WORDS_AFTER_VERB + 1
        for end in [len(kept), *reversed(_cut_points(kept, start))]:
            candidate = tidy(" ".join(kept[:end]))
            if len(words(candidate)) > limit or _QUOTE.search(candidate):
                continue
            if not incomplete(candidate):
                if best is None or len(words(candidate)) > len(words(best)):
                    best = candidate
                break
    return best


_CLEFT_ADVERBIAL = re.compile(
    r"^C['’]est\s+(?P<focus>[^,]{2,60}?)(?:,[^,]*,)?\s+qu(?:e\s+|['’])(?P<rest>.+)$"
)
_CLEFT = re.compile(r"^C['’]est\s+(?P<subject>[^,]{2,60}?)\s+qui\s+(?P<rest>.+)$")


def uncleft(sentence: str) -> str:
    """'C'est le syndicat SUD-PTT qui a révélé ce décès.' -> 'Le syndicat SUD-PTT a révélé
    ce décès.' (the same statement, without the emphasis)."""
    adverbial = _CLEFT_ADVERBIAL.match(sentence)
    if adverbial and adverbial.group("focus").split()[0].casefold() in CUT_WORDS:
        # "C'est dans l'Ohio que Barack Obama parle." -> "Barack Obama parle dans l'Ohio."
        rest = tidy(adverbial.group("rest")).rstrip(".")
        return tidy(f"{rest} {adverbial.group('focus')}")
    match = _CLEFT.match(sentence)
    if not match or has_verb(match.group("subject")):
        return sentence
    subject = match.group("subject")
    return tidy(f"{subject[0].upper()}{subject[1:]} {match.group('rest')}")


_REMINDER = re.compile(
    r"^(?:Rappelons|Notons|Précisons|Soulignons|Signalons|Remarquons)\s+qu(?:e\s+|['’])"
)


def _clauses_before_colon(sentence: str) -> str:
    """'Wikipédia est en grève : quiconque …' -> 'Wikipédia est en grève.'"""
    head, colon, _ = sentence.partition(" : ")
    return tidy(head) if colon and has_clean_subject(head) else sentence


def simplify(sentence: str, limit: int = WORD_LIMIT) -> list[str]:
    """One article sentence -> zero or more short, complete plain sentences."""
    sentence = strip_dateline(sentence)
    if not sentence or re.search(r"[?!]", sentence):
        return []
    sentence = uncleft(_clauses_before_colon(_REMINDER.sub("", sentence)))
    if sentence.lstrip().startswith(("«", '"', "“")):
        return []  # a quotation: hard to follow out of context, often spans sentences
    sentence = drop_connectives(tidy(drop_parentheses(sentence)))
    sentence = attribute_reported_speech(sentence)
    # What an apposition or a relative clause says becomes a sentence of its own.
    extras = [*apposition_sentences(sentence), *relative_sentences(sentence)]
    sentence = tidy(drop_incidental_clauses(drop_subject_relative(sentence)))
    sentence = drop_leading_adverbial(sentence)
    pieces: list[str] = []
    for piece in [*split_sentence(sentence), *extras]:
        short = shorten(definite_opening(drop_trailing_details(piece)), limit)
        if not short or _QUOTE.search(short) or short in pieces:
            continue
        if has_clean_subject(short) and not incomplete(short) and not object_pronoun(short):
            pieces.append(short)
    return pieces


_NAME_BEFORE = re.compile(r"(?:^|\s)(?:d['’]|de\s+)?((?:[A-ZÀ-Ý][\w’'-]+\s?){1,3})$")


def apposition_sentences(sentence: str) -> list[str]:
    """'Wu Zhaohui, vice-ministre des Sciences, a parlé' -> ['Wu Zhaohui est vice-ministre …']."""
    found: list[str] = []
    segments = sentence.rstrip(".").split(", ")
    for index in range(len(segments) - 1):
        name = _NAME_BEFORE.search(segments[index])
        apposition = segments[index + 1]
        if name is None or has_verb(apposition) or not apposition[:1].islower():
            continue
        first = apposition.split()[0].casefold()
        if first in CUT_WORDS or first in RELATIVE_PRONOUNS or is_participle(first):
            continue
        if re.search(r"\d", apposition) or first in ADVERBIAL_OPENERS:
            continue
        # The subject's apposition ("Wu Zhaohui, vice-ministre …, a dit"), or a closing one
        # without determiner ("… d'Alan Turing, mathématicien britannique.").
        subject_apposition = index == 0 and name.group(1).strip() == segments[0].strip()
        closing = (
            index + 2 == len(segments)
            and first not in DETERMINER_FEATURES
            and first not in ARGUMENT_OPENERS
            and is_noun(first)
            and len(name.group(1).split()) >= 2
        )
        if not subject_apposition and not closing:
            continue
        if subject_apposition and not has_verb(", ".join(segments[index + 2 :])):
            continue
        subject = name.group(1).strip()
        if " et " in subject or (len(subject.split()) < 2 and subject.isupper()):
            continue
        found.append(tidy(f"{subject} est {apposition}"))
    return found


_ANTECEDENT_DETERMINERS = {"du": "le", "au": "le", "aux": "les"}


def _antecedent(tokens: Sequence[str]) -> str | None:
    """The noun phrase just before a relative pronoun: 'Deux militaires français'."""
    for start in range(len(tokens) - 1, max(-1, len(tokens) - 6), -1):
        word = tokens[start].casefold()
        phrase = tokens[start:]
        if word in _ANTECEDENT_DETERMINERS:
            return " ".join([_ANTECEDENT_DETERMINERS[word], *phrase[1:]])
        if noun_phrase_features(" ".join(phrase)) not in {"?-?"} and (
            word in DEMONSTRATIVE_TO_DEFINITE
            or word in {"le", "la", "les"}
            or word.startswith(("l'", "l’"))
            or word in {"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"}
        ):
            return " ".join(phrase)
        after_de = start > 0 and tokens[start - 1].casefold() in {"de", "du", "des"}
        name_start = start == 0 or not tokens[start - 1][:1].isupper()
        if tokens[start][:1].isupper() and name_start and not after_de:
            return " ".join(phrase)
    return None


def relative_sentences(sentence: str) -> list[str]:
    """'Deux militaires qui intervenaient dans X ont été tués' -> ['Deux militaires
    intervenaient dans X']: a subject relative clause, its antecedent as subject."""
    return [text for text, _ in _relatives(sentence)]


def drop_subject_relative(sentence: str) -> str:
    """'Deux militaires qui intervenaient dans X ont été tués' -> 'Deux militaires ont été
    tués', when :func:`relative_sentences` has made the relative a sentence of its own."""
    spans = [span for _, span in _relatives(sentence) if span is not None]
    if not spans:
        return sentence
    tokens = sentence.split()
    start, end = spans[0]
    return tidy(" ".join([*tokens[:start], *tokens[end:]]))


def _relatives(sentence: str) -> list[tuple[str, tuple[int, int] | None]]:
    """Each subject relative as a sentence, with its token span when it sits in the
    main clause's subject (so that the main clause may drop it)."""
    tokens = sentence.rstrip(".").split()
    main = first_verb_index(tokens)
    found: list[tuple[str, tuple[int, int] | None]] = []
    for index, token in enumerate(tokens):
        if token != "qui" or index == 0 or tokens[index - 1].endswith((",", ";", ":")):
            continue  # after a comma, "qui" may point at any earlier noun
        antecedent = _antecedent([t.rstrip(",") for t in tokens[:index]])
        if antecedent is None or "," in antecedent:
            continue
        in_subject = main is not None and main > index
        end = main if in_subject and main is not None else len(tokens)
        clause: list[str] = []
        for later in tokens[index + 1 : end]:
            clause.append(later.rstrip(","))
            if later.endswith(","):
                break
        verbs = [word for position, word in enumerate(clause) if is_verb_at(clause, position)]
        if len(verbs) != 1 or not _agrees(antecedent, verbs[0]):
            continue  # no verb, or one clause too many: the relative's end is unclear
        span = (index, index + 1 + len(clause)) if in_subject else None
        found.append((tidy(f"{antecedent} {' '.join(clause)}"), span))
    return found


def _agrees(subject: str, verb: str) -> bool:
    """'Le programme … se déroulent' does not agree: the antecedent was misread."""
    plural_verb = verb.casefold().endswith(("nt", "ont")) and verb.casefold() not in {"vient"}
    features = noun_phrase_features(subject)
    if features.endswith("-?"):
        return True
    return plural_verb == features.endswith("-pl")


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
    #: Order among all pieces: a sentence's own pieces keep the order rules gave them.
    rank: int = 0


def content_lemmas(text: str) -> set[str]:
    return {
        lemma(word)
        for word in words(text)
        if len(word) > 3 and word.casefold() not in SUMMARY_STOP_WORDS and not word[0].isdigit()
    }


def _pieces(document: Document, limit: int = WORD_LIMIT) -> list[Piece]:
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
            for piece in simplify(text, limit):
                resolved = resolve_pronoun(piece, referents)
                if resolved is None:
                    continue
                resolved = definite_opening(resolved)
                if dangling_pronoun(resolved) is not None:
                    continue
                found.append(
                    Piece(
                        position=position,
                        section_index=section_index,
                        text=resolved,
                        rank=len(found),
                    )
                )
                subject = subject_of(resolved)
                if subject:
                    current.append(head_of(subject))
            speaker = re.match(r"^Selon ([^,]+),", attribute_reported_speech(tidy(text)))
            if speaker:
                current.insert(0, speaker.group(1))
            referents = current or _raw_subjects(text)
            if _names_outside(text, referents):
                referents = []  # "il" could as well be someone else the sentence names
            position += 1
    return found


_PLACE_MARKERS = frozenset(
    {"la", "le", "les", "l", "du", "des", "au", "aux", "en", "de", "d", "à", "sur", "dans"}
)


def _names_outside(sentence: str, referents: Sequence[str]) -> bool:
    """Whether the sentence names a person-like someone besides its subjects."""
    taken = " ".join(referents)
    tokens = sentence.split()
    for index, token in enumerate(tokens[1:], start=1):
        bare = re.sub(r"^[dlDL]['’]", "", token).strip(".,;:()«»")
        if not bare[:1].isupper() or bare in taken:
            continue
        before = re.split(r"['’]", tokens[index - 1].casefold())[0]
        if token[:2].casefold() in {"d'", "d’", "l'", "l’"} or before in _PLACE_MARKERS:
            continue
        if tokens[index - 1][:1].isupper():
            continue  # the second word of a name already seen
        return True
    return False


def _raw_subjects(sentence: str) -> list[str]:
    subject = subject_of(drop_apposition(drop_parentheses(sentence)))
    return [head_of(subject)] if subject and dangling_pronoun(subject + " a.") is None else []


def _weights(pieces: Sequence[Piece], title: str) -> Counter[str]:
    """How much each idea (content lemma) matters: how many sentences repeat it, more
    when the title names it."""
    weights: Counter[str] = Counter()
    for bag in {piece.text: content_lemmas(piece.text) for piece in pieces}.values():
        weights.update(bag)
    for item in content_lemmas(title):
        weights[item] += TITLE_WEIGHT
    return weights


def _gain(piece: Piece, covered: set[str], weights: Counter[str]) -> float:
    """New ideas per word, plus a bonus for coming early: news put what matters first."""
    fresh = content_lemmas(piece.text) - covered
    value = float(sum(weights[item] for item in fresh))
    early = EARLY_BONUS / (1 + max(piece.position, 0))
    length: float = math.pow(max(len(words(piece.text)), 1), LENGTH_EXPONENT)
    return value / length + early


def _select(pieces: Sequence[Piece], title: str) -> list[Piece]:
    """The headline and the lead's pieces first, then the pieces adding the most ideas."""
    if not pieces:
        return []
    lead_position = pieces[0].position
    chosen = [*_headline(title), *(p for p in pieces if p.position == lead_position)][:2]
    return _fill(chosen, pieces, _weights(pieces, title), MAX_SENTENCES)


def _fill(
    chosen: Sequence[Piece], candidates: Sequence[Piece], weights: Counter[str], target: int
) -> list[Piece]:
    """Add, one at a time, the candidate that says the most not yet said, up to ``target``;
    the result in the article's order."""
    result = list(chosen)
    covered: set[str] = set().union(*(content_lemmas(piece.text) for piece in result))
    used = {piece.position for piece in result}
    remaining = [piece for piece in candidates if piece.position not in used]
    while len(result) < target and remaining:
        best = max(remaining, key=lambda piece: (_gain(piece, covered, weights), -piece.position))
        remaining.remove(best)
        bag = content_lemmas(best.text)
        if not bag - covered or len(bag & covered) >= REDUNDANT_SHARE * len(bag):
            continue
        result.append(best)
        covered |= bag
    result.sort(key=lambda piece: (piece.position, piece.rank))
    return result


def _headline(title: str) -> list[Piece]:
    """The title, when it is a sentence ("Le SMIC augmentera de 2 %"): the author's own
    summary of the article, said first. A label before a colon ("France : …") goes."""
    _, colon, statement = title.rpartition(" : ")
    pieces = simplify(statement if colon else title)
    if len(pieces) != 1 or dangling_pronoun(pieces[0]) is not None:
        return []
    return [Piece(position=-1, section_index=0, text=pieces[0])]


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
    pieces = _pieces(document)
    selected = _select(pieces, document.title)
    for limit in FALLBACK_WORD_LIMITS:
        if len(selected) >= MIN_SENTENCES:
            break
        # Too few short sentences: accept longer ones rather than say too little.
        longer = _pieces(document, limit)
        selected = _fill(selected, longer, _weights(longer, document.title), MIN_SENTENCES)
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
