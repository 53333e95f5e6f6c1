"""Dictionary senses for the glossary: usable, plain, and the one that fits the context.

The French Wiktionary (:mod:`exporter.text.dictionary`) lists a word's senses, archaic and
figurative ones included, some long. A sense is offered only when plain enough (not
marked archaic, literary or figurative; cut at a comma when long), and of the senses of
the part of speech the word has in its sentence, the one chosen fits that sentence best
(spaCy's French word vectors, via :mod:`exporter.text.analysis`, and shared words).

Fit is a soft alignment of words, not of sentence averages: each content word of the
definition is matched to its closest word of the sentence and each word of the sentence
to its closest word of the definition ("combler les déficits": "compenser un défaut" fits,
"remplir jusque par-dessus les bords" does not). A bare synonym ("Satisfaire.") explains
less than a phrase, and a rare one ("Exciter, encourager ...") nothing: both cost more.
Measured on hand-written cases: ``benchmarks/glossary_senses.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from exporter.summary.glossary_data import (
    ADJECTIVE_DEFINITION_OPENERS,
    DATED_SENSE_MARKERS,
    GLOSS_PREFIXES_TO_DROP,
    INTRANSITIVE_OPENERS,
    NON_DEFINITION_PREFIXES,
    PLACE_SENSE_OPENERS,
)
from exporter.text import analysis, dictionary
from exporter.text.fr_words import SUMMARY_STOP_WORDS
from exporter.text.words import lemma, masculine_participle, zipf

MAX_DEFINITION_WORDS = 16
MIN_DEFINITION_WORDS = 2
#: Words at least this common (Zipf) tell nothing of a sense when shared with a context.
UNTELLING_ZIPF = 5.3
#: A sense's fit to its context: the soft alignment of their words (:func:`_alignment`,
#: up to 2), plus this much per word they share (the sentence's count twice).
SHARED_WORD_BONUS = 0.03
#: The cost of each word beyond PLAIN_LENGTH, of a sense restricted to one domain, of a
#: definition that is one bare word, and of a definition that opens with a synonym, per
#: Zipf point that synonym is rarer than SYNONYM_ZIPF: "combler les déficits" is not
#: "Satisfaire." but "Remplir un vide, compenser un défaut."; "exhorter" is not "Exciter,
#: encourager par ses paroles." (tuned on the "tune" half of
#: ``benchmarks/data/glossary_senses.toml``).
PLAIN_LENGTH = 8
LENGTH_COST = 0.01
RESTRICTED_COST = 0.3
ONE_WORD_COST = 0.1
RARE_SYNONYM_COST = 0.2
SYNONYM_ZIPF = 5.0
#: With several senses, the best must align at least this well (mean of both
#: directions) or share a word with the context: a wrong definition is worse than none.
MIN_FIT = 0.2
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: A space before a period or comma: the data lost a linked word ("Faire une nouvelle .",
#: "Remplacer, assurer la ."); such a sense reads broken.
_BROKEN = re.compile(r"\s[.,]")


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
    if _is_dated(sense) or _BROKEN.search(sense):
        return None
    text = sense.strip().lstrip(":").strip()
    text = re.sub(r"\s*\([^()]*\)", "", text)
    for prefix in GLOSS_PREFIXES_TO_DROP:
        if text.casefold().startswith(prefix):
            text = text[len(prefix) :].strip()
    if not text or text.casefold().startswith(NON_DEFINITION_PREFIXES) or "→" in text:
        return None
    if text.split()[0].casefold() in PLACE_SENSE_OPENERS and "commune" in text.casefold():
        return None
    text = re.split(r"\s+[—–]\s+|\s*;\s*|(?<=[a-zé])\.\s", text, maxsplit=1)[0].strip(" .,:")
    shortened = _shortened(text) if text else None
    if not shortened:
        return None
    return shortened[0].upper() + shortened[1:] + "."


def sense_words(text: str) -> set[str]:
    """The lemmas of a text's telling words: not stop words, nor words so common that
    sharing them says nothing of a sense ("autre", "personne")."""
    return {
        lemma(word.casefold())
        for word in _WORD.findall(text)
        if len(word) > 3
        and word.casefold() not in SUMMARY_STOP_WORDS
        and zipf(word.casefold()) < UNTELLING_ZIPF
    }


def _synonym_cost(definition: str) -> float:
    """What a definition made of synonyms loses: ONE_WORD_COST when it is one word, and
    RARE_SYNONYM_COST per Zipf point its first synonym is rarer than SYNONYM_ZIPF."""
    first = _WORD.findall(definition.split(",")[0])
    if len(first) != 1:
        return 0.0
    one_word = ONE_WORD_COST if len(_WORD.findall(definition)) == 1 else 0.0
    return one_word + RARE_SYNONYM_COST * max(0.0, SYNONYM_ZIPF - zipf(first[0].casefold()))


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
            if not dictionary.look_up(token.lemma.casefold()):
                return "", ""
            adjective = _adjectival_participle(sentence, token)
            if adjective:
                return "ADJ", adjective
            return kind, token.lemma.casefold()
    return "", ""


def _adjectival_participle(sentence: analysis.AnalysedSentence, token: analysis.Token) -> str:
    """The adjective a participle after "être" is used as when it takes an infinitive
    and has an entry of its own: "la Chine était *disposée* à travailler" means "prête
    à" (the adjective "disposé"), not "arranger" (the verb). Not with an agent
    ("adoptée *par* le Parlement") nor without the infinitive ("les sièges étaient
    disposés en cercle"): that is the verb in the passive."""
    if token.pos != "VERB" or "VerbForm=Part" not in token.morph:
        return ""
    relations = [child.dep for child in sentence.children(token.i)]
    if "aux:pass" not in relations or "xcomp" not in relations:
        return ""
    if any(dep.startswith("obl:agent") for dep in relations):
        return ""
    adjective = masculine_participle(token.text.casefold())
    return adjective if dictionary.look_up(adjective) else ""


def _senses(headwords: Sequence[str]) -> list[tuple[str, str, bool]]:
    """(headword, plain definition, restricted to a domain) of every usable sense of the
    headwords, in order."""
    found = []
    for headword in headwords:
        for sense in dictionary.look_up(headword):
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
    article (``article``: its text, or its words from :func:`sense_words`) once.
    Archaic, literary and figurative senses are never offered. When the dictionary
    offers several senses and none fits, none is trusted: a wrong definition is worse
    than no definition. Without the language model, shared words alone decide.
    """
    near = sense_words(sentence)
    far = sense_words(article) if isinstance(article, str) else article
    try:
        context = analysis.analyse_sentence(sentence)
    except analysis.AnalysisUnavailableError:
        context = None
    kind, context_lemma = _context_kind(context, word) if context and word else ("", "")
    candidates = list(headwords)
    if context_lemma and context_lemma not in candidates and dictionary.look_up(context_lemma):
        candidates.insert(0, context_lemma)
    offered = _senses(candidates)
    own = {lemma(headword.casefold()) for headword in candidates}
    shared = [
        2 * len((sense_words(d) - own) & near) + len((sense_words(d) - own) & far)
        for _, d, _ in offered
    ]
    if context is None:  # no vectors: the most shared words, the first sense on a tie
        if not offered:
            return None
        best = max(range(len(offered)), key=lambda i: (shared[i], -i))
        if shared[best] == 0 and len(offered) > 1:
            return None
        return offered[best][:2]
    # Read word by word (the kind of its first word, its words' vectors): no parse needed.
    definitions = analysis.tag_many([definition for _, definition, _ in offered])
    kinds = [_kind(definition) for definition in definitions]
    if kind:
        keep = [i for i in range(len(offered)) if kinds[i] == kind]
    else:
        keep = list(range(len(offered)))
    target = _object_of(context, word) if kind == "VERB" else None
    if target is not None:
        # A verb with an object is not defined by a sense that takes none.
        transitive = [i for i in keep if not _intransitive(definitions[i])]
        keep = transitive or keep
    if word:
        # "disposée à travailler" is "Prêt à faire quelque chose", a sense that takes an
        # infinitive too, not "Qui est dans une disposition d'esprit"; and "disposés en
        # cercle", which takes none, is not "Avoir la propension à ... faire".
        infinitive = _takes_an_infinitive(context, word)
        framed = [i for i in keep if bool(_INFINITIVE_FRAME.search(offered[i][1])) == infinitive]
        keep = framed or keep
    if not keep:
        return None
    words = _unit_vectors(context, skip=word.casefold())
    fits = {i: _alignment(_unit_vectors(definitions[i]), words) for i in keep}
    scores = {
        i: fits[i]
        + SHARED_WORD_BONUS * min(shared[i], 6)
        - LENGTH_COST * max(0, len(offered[i][1].split()) - PLAIN_LENGTH)
        - RESTRICTED_COST * offered[i][2]
        - _synonym_cost(offered[i][1])
        for i in keep
    }
    best = max(keep, key=lambda i: (scores[i], -i))
    if len(keep) > 1 and fits[best] < 2 * MIN_FIT and shared[best] == 0:
        return None
    return offered[best][:2]


_Vector = np.ndarray[Any, np.dtype[np.float32]]


def _object_of(sentence: analysis.AnalysedSentence, word: str) -> analysis.Token | None:
    """The direct object ``word`` takes in the sentence ("accroître *la représentation*")."""
    folded = word.casefold()
    for token in sentence.tokens:
        if token.text.casefold() == folded:
            for child in sentence.children(token.i):
                if child.dep == "obj" and child.pos in ("NOUN", "PROPN"):
                    return child
    return None


def _takes_an_infinitive(sentence: analysis.AnalysedSentence, word: str) -> bool:
    """Whether ``word`` takes an infinitive through "à" or "de" in the sentence
    ("disposée *à travailler*", "tenu *de respecter*")."""
    folded = word.casefold()
    for token in sentence.tokens:
        if token.text.casefold() != folded:
            continue
        for child in sentence.children(token.i):
            if child.dep != "xcomp" or "VerbForm=Inf" not in child.morph:
                continue
            marks = {m.text.casefold() for m in sentence.children(child.i) if m.dep == "mark"}
            if marks & _INFINITIVE_MARKS:
                return True
    return False


_INFINITIVE_MARKS = frozenset({"à", "de", "d'", "d’"})
#: A definition of a word that takes an infinitive: "Prêt à faire quelque chose", "Qui est
#: obligé à faire quelque chose", "Chargé de faire" ("à quelque chose" may be a noun).
_INFINITIVE_FRAME = re.compile(r"\b(?:à|de|d['’]) ?(?:faire|agir)\b", re.IGNORECASE)


def _intransitive(definition: analysis.AnalysedSentence) -> bool:
    """Whether a verb's sense opens with a verb that takes no object ("Aller en
    augmentant", "Revenir au profit de quelqu'un")."""
    words = [t.text.casefold() for t in definition.tokens if t.pos != "PUNCT"]
    return bool(words) and words[0] in INTRANSITIVE_OPENERS


def _unit_vectors(sentence: analysis.AnalysedSentence, *, skip: str = "") -> list[_Vector]:
    """The unit word vectors of a sentence's content words (not the word ``skip``)."""
    found = []
    for token in sentence.tokens:
        text = token.text.casefold()
        if token.pos not in _CONTENT_POS or text == skip or text in SUMMARY_STOP_WORDS:
            continue
        vector = analysis.word_vector(text)
        if vector is None:
            vector = analysis.word_vector(token.lemma.casefold())
        norm = float(np.linalg.norm(vector)) if vector is not None else 0.0
        if vector is not None and norm:
            found.append(vector / norm)
    return found


def _alignment(definition: list[_Vector], context: list[_Vector]) -> float:
    """How well two word sets match, 0 to 2: the mean cosine of each definition word to
    its closest context word, plus the mean of each context word to its closest
    definition word."""
    if not definition or not context:
        return 0.0
    similarity = np.asarray(definition) @ np.asarray(context).T
    return float(similarity.max(axis=1).mean() + similarity.max(axis=0).mean())
