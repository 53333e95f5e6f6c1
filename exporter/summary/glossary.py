"""The glossary of a plain-language summary: acronyms and hard words, each explained.

Acronyms are explained from the article itself when it spells them out
("intelligence artificielle (IA)", "IA (intelligence artificielle)"), else from the
French Wiktionary. Hard words are rare content words (low wordfreq frequency) that the
Wiktionary defines; a word the dictionary does not know is left out rather than given an
invented definition.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from exporter.summary.glossary_data import (
    ACRONYM_LINK_WORDS,
    ADJECTIVE_DEFINITION_OPENERS,
    DATED_SENSE_MARKERS,
    GLOSS_PREFIXES_TO_DROP,
    NON_DEFINITION_PREFIXES,
)
from exporter.summary.model import GlossaryEntry
from exporter.text import analysis, dictionary
from exporter.text.fr_words import SUMMARY_STOP_WORDS
from exporter.text.roman import ROMAN_NUMERAL
from exporter.text.words import ELISION, WORD_TOKEN, lemma, zipf

#: Below this Zipf frequency (occurrences per billion words, log10) a word is rare.
RARE_ZIPF = 4.0
MAX_HARD_WORDS = 8
MAX_DEFINITION_WORDS = 16
MIN_DEFINITION_WORDS = 2
#: Words at least this common (Zipf) tell nothing of a sense when shared with a context.
UNTELLING_ZIPF = 5.3
#: A sense's fit to its context: cosine of the definition's and the sentence's word
#: vectors, plus this much per word they share (the sentence's count twice).
SHARED_WORD_BONUS = 0.03
#: Weight of a definition's plainness (:func:`_plainness`, a Zipf frequency) against
#: its fit, the cost of each word beyond PLAIN_LENGTH, of each place further down the
#: dictionary's list of senses, and of a sense restricted to one domain: between senses
#: that fit about as well, the plainer, shorter, more usual one ("exhorter": not
#: "Exciter, encourager par ses paroles.", whose synonym is rare).
PLAINNESS_WEIGHT = 0.1
PLAIN_LENGTH = 8
LENGTH_COST = 0.01
ORDER_COST = 0.05
RESTRICTED_COST = 0.3
#: With several senses, the best must fit at least this well (cosine) or share a word
#: with the context: a wrong definition is worse than none.
MIN_FIT = 0.3
MIN_HARD_WORD_LENGTH = 5

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\b")
_PARENTHESIS = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LOWER_WORD = re.compile(
    r"(?<![\w'’-])(?:[a-zàâäéèêëîïôöùûüÿçœæ]+(?:-[a-zàâäéèêëîïôöùûüÿçœæ]+)*)(?![\w-])"
)


def _fold(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0].upper()


def acronyms_in(text: str) -> list[str]:
    """Acronyms in order of first appearance (roman numerals are not acronyms)."""
    seen: dict[str, None] = {}
    for match in _ACRONYM.finditer(text):
        token = match.group(0)
        if sum(char.isalpha() for char in token) >= 2 and not ROMAN_NUMERAL.fullmatch(token):
            seen.setdefault(token, None)
    return list(seen)


def _matches(words: Sequence[str], acronym: str) -> bool:
    """Whether the words' initials spell the acronym; link words may be skipped."""
    letters = [char for char in acronym if char.isalpha()]

    @functools.cache
    def match(word_index: int, letter_index: int) -> bool:
        if letter_index == len(letters):
            return word_index == len(words)
        if word_index == len(words):
            return False
        word = words[word_index]
        if _fold(word[0]) == letters[letter_index] and match(word_index + 1, letter_index + 1):
            return True
        return (
            word.casefold() in ACRONYM_LINK_WORDS
            and word_index > 0
            and match(word_index + 1, letter_index)
        )

    return bool(words) and bool(letters) and match(0, 0)


def _split_words(text: str) -> list[str]:
    return [ELISION.sub("", word) for word in WORD_TOKEN.findall(text)]


def _expansion_before(text_before: str, acronym: str) -> str | None:
    """The shortest run of words just before "(ACR)" whose initials spell ACR."""
    words = _split_words(text_before)
    longest = 2 * len(acronym) + 3
    for count in range(1, min(longest, len(words)) + 1):
        candidate = words[-count:]
        if _matches(candidate, acronym):
            return " ".join(candidate)
    return None


#: Characters per word allowed for when looking back from a parenthesis.
_LONGEST_WORD = 40


def _before(text: str, end: int) -> str:
    """The text before ``end``, as far back as an acronym's expansion may reach (a
    bounded tail keeps the work linear in the article)."""
    start = end - 30 * _LONGEST_WORD
    if start <= 0:
        return text[:end]
    tail = text[start:end]
    return tail.split(maxsplit=1)[-1] if " " in tail else tail  # its first word may be cut


def expansions_in(text: str) -> dict[str, str]:
    """Acronym -> expansion, for acronyms the text itself spells out (first one wins)."""
    found: dict[str, str] = {}
    for match in _PARENTHESIS.finditer(text):
        inside = match.group(1).strip()
        if _ACRONYM.fullmatch(inside):
            expansion = _expansion_before(_before(text, match.start()), inside)
            if expansion:
                found.setdefault(inside, expansion)
            continue
        before = re.search(r"\b([A-Z][A-Z0-9]+)\s*$", _before(text, match.start())[-100:])
        if before and _matches(_split_words(inside), before.group(1)):
            found.setdefault(before.group(1), inside)
    return found


def _dictionary_senses(word: str) -> tuple[str, ...]:
    return dictionary.look_up(word)


def _is_dated(sense: str) -> bool:
    """Whether a sense is marked archaic, literary, figurative or historical."""
    return any(word.casefold() in DATED_SENSE_MARKERS for word in _WORD.findall(sense))


def _shortened(text: str) -> str | None:
    """A definition of at most MAX_DEFINITION_WORDS words: the longest part before a
    comma that is short enough ("Discours, en général de peu d'étendue, adressé par
    ..." -> "Discours, en général de peu d'étendue"), or None."""
    if len(text.split()) <= MAX_DEFINITION_WORDS:
        return text
    parts = text.split(",")
    for end in range(len(parts) - 1, 0, -1):
        head = ",".join(parts[:end]).strip()
        if MIN_DEFINITION_WORDS <= len(head.split()) <= MAX_DEFINITION_WORDS:
            return head
    return None


def plain_definition(sense: str) -> str | None:
    """A Wiktionary sense shortened to one plain sentence, or None if unusable (a
    cross-reference, or an archaic, literary or figurative sense)."""
    if _is_dated(sense):
        return None
    text = sense.strip().lstrip(":").strip()
    text = re.sub(r"\s*\([^()]*\)", "", text)
    for prefix in GLOSS_PREFIXES_TO_DROP:
        if text.casefold().startswith(prefix):
            text = text[len(prefix) :].strip()
    if not text or text.casefold().startswith(NON_DEFINITION_PREFIXES) or "→" in text:
        return None
    text = re.split(r"\s+[—–]\s+|\s*;\s*|(?<=[a-zé])\.\s", text, maxsplit=1)[0].strip(" .,:")
    shortened = _shortened(text) if text else None
    if not shortened:
        return None
    return shortened[0].upper() + shortened[1:] + "."


def dictionary_definition(word: str) -> str | None:
    """The first usable sense the French Wiktionary gives for ``word`` (no context)."""
    for sense in _dictionary_senses(word):
        definition = plain_definition(sense)
        if definition:
            return definition
    return None


def _sense_words(text: str) -> set[str]:
    """The lemmas of a text's telling words: not stop words, nor words so common that
    sharing them says nothing of a sense ("autre", "personne")."""
    return {
        lemma(word.casefold())
        for word in _WORD.findall(text)
        if len(word) > 3
        and word.casefold() not in SUMMARY_STOP_WORDS
        and zipf(word.casefold()) < UNTELLING_ZIPF
    }


def _plainness(definition: str) -> float:
    """How plain a definition reads: the mean Zipf frequency of its content words; for a
    synonym ("Exciter, encourager ..."), that synonym's own frequency, since a rare
    synonym explains nothing."""
    first = _WORD.findall(definition.split(",")[0])
    if len(first) == 1:
        return zipf(first[0].casefold())
    words = [
        word.casefold()
        for word in _WORD.findall(definition)
        if len(word) > 2 and word.casefold() not in SUMMARY_STOP_WORDS
    ]
    return sum(zipf(word) for word in words) / len(words) if words else 0.0


def _is_restricted(definition: str) -> bool:
    """A sense for one domain only ("En géométrie, ...", "Dans un orchestre de jazz,
    ..."): right only when the context is that domain."""
    folded = definition.casefold()
    return bool(_RESTRICTED.search(folded))


_RESTRICTED = re.compile(r"^(?:en|dans)\s[^,]{1,40},")
_INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")


def _kind(definition: analysis.AnalysedSentence) -> str:
    """The part of speech a definition defines, from how it starts: "Qui ...", "Relatif
    à ..." define an adjective; an infinitive ("Augmenter", "S'efforcer") a verb; else a
    noun."""
    words = [token for token in definition.tokens if token.pos != "PUNCT"]
    if not words:
        return ""
    first = words[0]
    second = words[1].text.casefold() if len(words) > 1 else ""
    opener = first.text.casefold()
    if opener in ADJECTIVE_DEFINITION_OPENERS or first.pos in ("ADJ", "ADP"):
        return "ADJ"  # "Qui a deux côtés", "Entre deux parties"
    if opener == "se" and second in ("dit", "rapporte", "disait"):
        return "ADJ"  # "Se dit d'un mode de descendance ..."
    verb = words[1] if opener in ("se", "s'", "s’") and len(words) > 1 else first
    verb_text = verb.text.casefold()
    if verb_text.endswith(_INFINITIVE_ENDINGS) and lemma(verb_text) == verb_text:
        return "VERB"  # "Augmenter", "S'efforcer", "Aller en augmentant"
    return "NOUN"


def _context_kind(sentence: analysis.AnalysedSentence, word: str) -> tuple[str, str]:
    """How ``word`` is used in the sentence: its part of speech as a definition kind, and
    its lemma ("coopérative" in "une sécurité coopérative": ADJ, "coopératif")."""
    folded = word.casefold()
    for token in sentence.tokens:
        if token.text.casefold() == folded:
            kind = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB", "AUX": "VERB"}.get(
                token.pos, "ADJ" if token.pos == "ADJ" else ""
            )
            # A lemma the dictionary does not know ("bilatéraux" -> "bilatérau") is a
            # word the model did not recognise: its part of speech is not trusted.
            if not _dictionary_senses(token.lemma.casefold()):
                return "", ""
            return kind, token.lemma.casefold()
    return "", ""


def _senses(headwords: Sequence[str]) -> list[tuple[str, str, bool]]:
    """(headword, plain definition, restricted to a domain) of every usable sense of the
    headwords, in order."""
    found = []
    for headword in headwords:
        for sense in _dictionary_senses(headword):
            definition = plain_definition(sense)
            if definition is not None:
                found.append((headword, definition, _is_restricted(sense)))
    return found


def best_sense(
    headwords: Sequence[str], sentence: str, article: str | set[str], *, word: str = ""
) -> tuple[str, str] | None:
    """(headword, definition): the sense that fits ``word``'s use in ``sentence`` best,
    the plainer of those that fit about as well.

    With the language model, only senses of the part of speech the word has in the
    sentence are offered (an adjective is not defined by a noun's sense), and fit is the
    closeness of the definition's word vectors to the sentence's (spaCy's French
    vectors) plus the words they share: the sentence's count twice, the rest of the
    article (``article``: its text, or its words from :func:`_sense_words`) once.
    Archaic, literary and figurative senses are never offered. When the dictionary
    offers several senses and none fits, none is trusted: a wrong definition is worse
    than no definition. Without the language model, shared words alone decide.
    """
    near = _sense_words(sentence)
    far = _sense_words(article) if isinstance(article, str) else article
    try:
        context = analysis.analyse_sentence(sentence)
    except analysis.AnalysisUnavailableError:
        context = None
    kind, context_lemma = _context_kind(context, word) if context and word else ("", "")
    candidates = list(headwords)
    if context_lemma and context_lemma not in candidates and _dictionary_senses(context_lemma):
        candidates.insert(0, context_lemma)
    offered = _senses(candidates)
    own = {lemma(headword.casefold()) for headword in candidates}
    shared = [
        2 * len((_sense_words(d) - own) & near) + len((_sense_words(d) - own) & far)
        for _, d, _ in offered
    ]
    if context is None:  # no vectors: the most shared words, the first sense on a tie
        if not offered:
            return None
        best = max(range(len(offered)), key=lambda i: (shared[i], -i))
        if shared[best] == 0 and len(offered) > 1:
            return None
        return offered[best][:2]
    definitions = analysis.analyse_many([definition for _, definition, _ in offered])
    kinds = [_kind(definition) for definition in definitions]
    if kind:
        keep = [i for i in range(len(offered)) if kinds[i] == kind]
    else:
        keep = list(range(len(offered)))
    if not keep:
        return None
    fits = {i: analysis.cosine(context.vector, definitions[i].vector) for i in keep}
    scores = {
        i: fits[i]
        + SHARED_WORD_BONUS * min(shared[i], 6)
        + PLAINNESS_WEIGHT * _plainness(offered[i][1])
        - LENGTH_COST * max(0, len(offered[i][1].split()) - PLAIN_LENGTH)
        - ORDER_COST * i
        - RESTRICTED_COST * offered[i][2]
        for i in keep
    }
    best = max(keep, key=lambda i: (scores[i], -i))
    if len(keep) > 1 and fits[best] < MIN_FIT and shared[best] == 0:
        return None
    return offered[best][:2]


def _content_words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text) if len(word) >= MIN_HARD_WORD_LENGTH}


def acronym_dictionary_definition(acronym: str, text: str | set[str]) -> str | None:
    """The dictionary's expansion of an acronym, only when it plausibly fits the article.

    Acronyms are ambiguous (AFP is a press agency and a protein): only a sense that
    shares a word with the article is trusted. Only the upper-case headword is looked
    up, so "SUD" is never read as "sud".
    """
    senses = dictionary.senses(acronym)
    usable = [definition for definition in map(plain_definition, senses) if definition]
    article_words = _content_words(text) if isinstance(text, str) else text
    for definition in usable:
        if _content_words(definition) & article_words:
            return definition
    return None


def _sentence_case(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def acronym_entries(text: str) -> list[GlossaryEntry]:
    """Every acronym of the text, explained by the text or else by the dictionary."""
    expansions = expansions_in(text)
    article_words = _content_words(text)
    entries: list[GlossaryEntry] = []
    for acronym in acronyms_in(text):
        if acronym in expansions:
            entries.append(
                GlossaryEntry(
                    term=acronym,
                    definition=_sentence_case(expansions[acronym]),
                    kind="acronym",
                    source="article",
                )
            )
            continue
        definition = acronym_dictionary_definition(acronym, article_words)
        if definition:
            entries.append(
                GlossaryEntry(
                    term=acronym, definition=definition, kind="acronym", source="dictionary"
                )
            )
    return entries


def _headwords(word: str) -> list[str]:
    """Dictionary entries a word form may belong to: itself, its lemma, and for a
    present participle ("incombant") its verb ("incomber")."""
    candidates = [word, lemma(word)]
    if word.endswith("ant") and len(word) > 5:
        candidates.extend(word[:-3] + ending for ending in ("er", "ir", "re"))
    return [c for c in dict.fromkeys(candidates) if _dictionary_senses(c)]


#: How far the sentence around a word is looked for, either side (text without periods).
_CONTEXT = 2000


def _sentence_around(text: str, start: int) -> str:
    low = max(0, start - _CONTEXT)
    high = min(len(text), start + _CONTEXT)
    before = max(text.rfind(". ", low, start), text.rfind("\n", low, start), low - 1) + 1
    after = min(
        position
        for position in (text.find(". ", start, high), text.find("\n", start, high), high)
        if position != -1
    )
    return text[before:after]


def hard_word_entries(
    text: str, *, limit: int = MAX_HARD_WORDS, context: str | None = None
) -> list[GlossaryEntry]:
    """The rarest content words the dictionary defines well, in order of first appearance."""
    candidates: dict[str, tuple[float, int, str]] = {}
    seen: set[str] = set()
    article_words = _sense_words(text if context is None else context)
    for position, match in enumerate(_LOWER_WORD.finditer(text)):
        word = match.group(0)
        if len(word) < MIN_HARD_WORD_LENGTH or word in seen:
            continue
        seen.add(word)
        base = lemma(word)
        frequency = max(zipf(word), zipf(base))
        if frequency >= RARE_ZIPF or base in candidates:
            continue
        headwords = _headwords(word)
        if not headwords:
            continue
        chosen = best_sense(
            headwords, _sentence_around(text, match.start()), article_words, word=word
        )
        if chosen is None:
            continue
        headword, definition = chosen
        if headword not in candidates:
            candidates[headword] = (frequency, position, definition)
    rarest = sorted(candidates.items(), key=lambda item: (item[1][0], item[1][1], item[0]))[:limit]
    rarest.sort(key=lambda item: item[1][1])
    return [
        GlossaryEntry(term=headword, definition=definition, kind="word", source="dictionary")
        for headword, (_, _, definition) in rarest
    ]


def build_glossary(text: str, *, context: str | None = None) -> tuple[GlossaryEntry, ...]:
    """Acronyms first (order of appearance), then hard words (order of appearance) of
    ``text``; senses are chosen against ``context`` (the whole article) when given."""
    return (*acronym_entries(text), *hard_word_entries(text, context=context))
