"""Just enough French grammar, without a tagger, to keep rewritten sentences complete.

A finite verb is recognised from a list of frequent forms, or from its ending when
simplemma lemmatises it to an infinitive. The subject is what comes before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from exporter.text.dictionary import is_headword
from exporter.text.fr_words import (
    DETERMINER_FEATURES,
    FINITE_ENDINGS,
    FINITE_VERBS,
    INFINITIVE_ENDINGS,
    NOT_VERBS,
    NOUN_MARKERS,
    NUMBER_WORDS,
    SUBORDINATORS,
    VERB_CLITICS,
)
from exporter.text.words import ELISION, WORD_TOKEN, lemma, zipf

#: Participle endings: such a form alone makes no clause.
NON_FINITE_ENDINGS = ("ée", "ées", "ant", "ants", "ante", "antes")
#: A subordinate clause's verb is not the main verb: "Les militaires qui intervenaient …".
_RELATIVE_WORDS = frozenset({"qui", "que", "qu", "dont", "où", "lequel", "laquelle"})
_ATTRIBUTION = re.compile(r"^(?:Selon|D['’]après)\s[^,]+,\s*")

#: Zipf frequency above which an infinitive is a verb readers meet often.
COMMON_VERB_ZIPF = 3.0
_ELISION_HEAD = re.compile(r"['’]")
_ATTRIBUTION_START = re.compile(r"^(?:Selon|D['’]après)\s")


def is_finite_verb(token: str) -> bool:
    """Whether a token looks like a conjugated verb."""
    word = ELISION.sub("", token.casefold().strip(".,;:!?«»()"))
    if word in FINITE_VERBS:
        return True
    if word in NOT_VERBS or len(word) < 3 or not word.isalpha():
        return False
    if word.endswith(NON_FINITE_ENDINGS):  # participles: "arrivée", "luttant"
        return False
    base = lemma(word)
    if base != word and base.endswith(INFINITIVE_ENDINGS) and word.endswith(FINITE_ENDINGS):
        return True
    # simplemma reads "lance" as the noun; the dictionary knows the verb "lancer".
    return _first_group_form(word)


def _first_group_form(word: str) -> bool:
    """'lance', 'lancent' -> the verb 'lancer' exists (French Wiktionary headwords)."""
    for ending in ("ent", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            infinitive = f"{word[: -len(ending)]}er"
            # A rare verb ("chinoiser") is no reason to read a common word as a verb.
            return zipf(infinitive) >= COMMON_VERB_ZIPF and is_headword(infinitive)
    return False


def is_verb_at(tokens: Sequence[str], index: int) -> bool:
    """Whether ``tokens[index]`` is a finite verb here: after a determiner it is a noun
    ("Deux militaires", "les échanges"), unless it is one of the frequent verb forms."""
    token = tokens[index]
    if not is_finite_verb(token):
        return False
    word = ELISION.sub("", token.casefold().strip(".,;:!?«»()"))
    if word in FINITE_VERBS or index == 0:
        return True
    before = tokens[index - 1].casefold().strip(".,;:!?«»()")
    if before in NOUN_MARKERS or before.isdigit():
        return False
    # "nuit", "marche", "lance": also nouns; a verb right after a pronoun, or after a
    # noun that follows its determiner ("le mathématicien lance").
    if word not in _noun_forms() or before in VERB_CLITICS:
        return True
    if re.match(r"^[smtnj]['’]", token.casefold()):
        return True  # "s'adresse": the clitic makes it a verb
    two_before = tokens[index - 2].casefold() if index > 1 else ""
    return before in _noun_forms() and two_before in NOUN_MARKERS


def is_plain_verb(word: str) -> bool:
    """A finite verb or an infinitive that cannot be read as a noun ("réutiliser", "a")."""
    word = word.casefold()
    if word in FINITE_VERBS or word in {"être", "avoir"}:
        return word != "fait"
    if word in _noun_forms():
        return False
    if is_finite_verb(word):
        return True
    return word.endswith(("er", "ir", "re")) and len(word) > 4 and lemma(word) == word


def is_noun(word: str) -> bool:
    return word.casefold() in _noun_forms()


@functools.cache
def _noun_forms() -> frozenset[str]:
    from exporter.text.french_tables import noun_list

    return frozenset(noun_list())


def has_verb(sentence: str) -> bool:
    tokens = WORD_TOKEN.findall(sentence)
    return any(is_verb_at(tokens, index) for index in range(len(tokens)))


def first_verb_index(tokens: Sequence[str]) -> int | None:
    """The main clause's verb: the first finite verb that does not belong to a relative."""
    in_relative = False
    for index, token in enumerate(tokens):
        word = re.split(r"['’]", token.casefold())[0]
        if word in _RELATIVE_WORDS and index > 0:
            in_relative = True
            continue
        if is_verb_at(tokens, index):
            if in_relative:
                in_relative = False
                continue
            return index
    return None


def without_attribution(sentence: str) -> str:
    """'Selon la délégation, tous les pays doivent …' -> 'tous les pays doivent …'."""
    return _ATTRIBUTION.sub("", sentence)


def has_clean_subject(sentence: str) -> bool:
    """A verb with words before it and no comma between them: "X a dit …", not "X, Y a dit"."""
    tokens = without_attribution(sentence).split()
    index = first_verb_index(tokens)
    if index is None:
        return False
    if tokens[0].casefold() in SUBORDINATORS:
        return False
    if index == 0:
        # "S'est tenu …", "N'a pas …": the clitic is part of the verb, the subject missing.
        return False
    if tokens[index - 1].casefold() in {"et", "ou", "mais", "qui", "que", "dont"}:
        return False  # "IV et a été …": the subject was cut off
    heads = {_ELISION_HEAD.split(token.casefold())[0] for token in tokens[:index]}
    if heads & SUBORDINATORS - {"et", "ou", "mais", "pour"}:
        return False  # "Jamais lorsqu'un vote est annoncé": a subordinate clause alone
    if _ATTRIBUTION_START.match(sentence) and without_attribution(sentence) == sentence:
        return False  # "Selon d'autres témoignages." says who, not what
    return not any(token.endswith((",", ";", ":")) for token in tokens[:index])


def noun_phrase_features(phrase: str) -> str:
    """'f-sg', 'm-pl', '?-sg'… from the determiner; a name without one is '?-sg'."""
    tokens = phrase.split()
    if not tokens:
        return "?-?"
    first = tokens[0].casefold()
    elided = re.match(r"^(l['’])", first)
    if elided:
        return DETERMINER_FEATURES[elided.group(1)]
    if first in DETERMINER_FEATURES:
        return DETERMINER_FEATURES[first]
    if first in NUMBER_WORDS or (first.isdigit() and first != "1"):
        return "?-pl"
    if tokens[0][:1].isupper():
        return "?-sg"
    return "?-?"
