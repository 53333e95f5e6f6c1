"""Rewriting rules for plain sentences: each removes or splits text, never invents it.

Datelines, parentheses, linking adverbs, appositions, incidental clauses and trailing
details go; a sentence is split where each part keeps a subject and a verb; an apposition
or a subject relative clause becomes a sentence of its own ("Wu Zhaohui est vice-ministre").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from exporter.summary.rules_data import (
    ADVERBIAL_OPENERS,
    CONNECTIVES,
    CUT_WORDS,
    INCIDENTAL_OPENERS,
    SPEECH_PARTICIPLES,
)
from exporter.text.fr_words import (
    DEMONSTRATIVE_TO_DEFINITE,
    DETERMINER_FEATURES,
    RELATIVE_PRONOUNS,
    TIME_NOUNS,
)
from exporter.text.grammar import (
    first_verb_index,
    has_clean_subject,
    has_verb,
    is_finite_verb,
    is_noun,
    is_verb_at,
    noun_phrase_features,
    without_attribution,
)
from exporter.text.words import PARTICIPLE_SHAPE, is_participle, lemma

MAX_SUBJECT_WORDS = 8
_DATELINE = re.compile(
    r"^\s*\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}(?:\s*,\s*[^.,]{1,40})?\s*\.\s*(?:[-–—]\s*)?"
)
#: "Québec - Le forum s'ouvre": a place dateline before a dash.
_PLACE_DATELINE = re.compile(r"^[A-ZÀ-Ý][\w’' -]{1,40}?\s+[-–—]\s+(?=[A-ZÀ-Ý])")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_SPACES = re.compile(r"\s+")
#: A tail after a comma that opens with one of these may be the verb's own complement.
ARGUMENT_OPENERS = frozenset(
    {"de", "d'", "d’", "à", "au", "aux", "que", "qu'", "qu’", "pour", "en", "entre", "et", "ou"}
)


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
