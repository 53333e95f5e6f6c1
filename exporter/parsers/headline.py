"""A title for an article that comes without one: its lead's main clause, as a headline.

The first sentences of a news article say what happened; their parse (spaCy, via
:mod:`exporter.text.analysis`) gives the main clause: subject, verb, objects and their
complements. A headline keeps that core and leaves out what the parse shows to be
incidental: attributions ("..., a indiqué lundi le porte-parole", "selon l'Insee"), time
adverbials ("mardi 19 février"), relative and adverbial clauses, appositions, sentence
adverbs; a verb in the compound past ("a annoncé") is put in the present ("annonce"), as
headlines are. Every word comes from the article: nothing is invented. On OrangeSum's real
titles this is measured against the first sentence cut to the title's length
(``benchmarks/titles.py``). Without the language model, the title is the section-title
noun phrase (:func:`infer_title`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from exporter.parsers.headline_data import (
    ATTRIBUTION_PREPOSITIONS,
    KEPT_ADVERBS,
    REPORTING_VERBS,
    TIME_WORDS,
)
from exporter.parsers.sections import infer_title
from exporter.text.analysis import (
    AnalysedSentence,
    AnalysisUnavailableError,
    Token,
    analyse_many,
)
from exporter.text.sentences import split_sentences
from exporter.text.words import zipf

logger = logging.getLogger(__name__)

#: A generated title's longest length, in words (OrangeSum titles average 11).
MAX_WORDS = 12
#: Relations whose whole subtree a headline drops (chosen on OrangeSum's first 150).
DROPPED_RELATIONS = frozenset(
    {"acl:relcl", "advcl", "appos", "dislocated", "parataxis", "punct", "cc", "vocative"}
)
#: Relations of a phrase the headline may drop to fit its length, last ones first.
OPTIONAL_RELATIONS = frozenset(
    {"nmod", "obl", "obl:mod", "amod", "acl", "conj", "nummod", "advmod"}
)
#: A verb's arguments: never dropped with the phrase the parse hung them on.
ARGUMENT_RELATIONS = frozenset({"obj", "iobj", "obl:arg", "nsubj", "nsubj:pass", "ccomp", "xcomp"})
#: Parts of speech a title does not end on ("... plaque de").
_NO_END = frozenset({"ADP", "CCONJ", "DET", "PRON", "SCONJ", "AUX", "PUNCT"})
#: Entities that may head a title as its topic ("Roissy : ...", "Affaire X : ..."), and
#: their longest length in words (chosen on OrangeSum's first 150 titles).
TOPIC_LABELS = frozenset({"PER", "LOC"})
MAX_TOPIC_WORDS = 3
#: How many of the lead's sentences are considered.
LEAD_SENTENCES = 3
#: A present-tense form must be at least this frequent (Zipf) to be trusted as a word.
MIN_FORM_ZIPF = 1.5
_QUOTES = "\"«»“”„'’"


def _clause_head(sentence: AnalysedSentence) -> Token | None:
    """The verb of what the sentence says: its root, or the clause a reporting root
    introduces ("X affirme que ...", "« ... », a affirmé X")."""
    root = sentence.root
    if root is None:
        return None
    if root.lemma in REPORTING_VERBS:
        content = [
            child for child in sentence.children(root.i) if child.dep in ("ccomp", "parataxis")
        ]
        if content:
            return content[0]
    return root


def _is_time(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether ``token`` heads a time phrase ("mardi", "le 5 février dernier", "la veille")."""
    if token.text.lower() in TIME_WORDS:
        return True
    if token.pos != "NUM":
        return False
    children = sentence.children(token.i)
    return not children or any(child.text.lower() in TIME_WORDS for child in children)


def _dropped(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether the headline leaves out ``token`` and everything depending on it."""
    if token.dep in DROPPED_RELATIONS:
        return True
    if token.pos in ("VERB", "AUX") and token.lemma in REPORTING_VERBS and token.dep != "ROOT":
        return True  # "..., a-t-on appris"
    if token.dep == "advmod":  # a sentence adverb, not a quantity ("environ 41.000")
        head = sentence.tokens[token.head]
        return head.pos in ("VERB", "AUX") and token.text.lower() not in KEPT_ADVERBS
    if token.pos == "PRON" and token.text.startswith("-"):
        return True  # "a-t-on", "décide-t-il"
    if token.dep.startswith(("obl", "nmod")):
        cases = [  # a preposition with its fixed parts: "d'" + "après"
            "".join([case.text, *(f.text for f in sentence.children(case.i) if f.dep == "fixed")])
            .lower()
            .replace("’", "'")
            for case in sentence.children(token.i)
            if case.dep == "case"
        ]
        if set(cases) & ATTRIBUTION_PREPOSITIONS:
            return True  # "selon l'Insee", "d'après le communiqué"
        if token.dep.startswith("obl") and _is_time(sentence, token):
            return True
    return False


def _kept(sentence: AnalysedSentence, head: Token) -> list[Token]:
    """The clause headed by ``head`` without what a headline drops, in order. A verb's
    argument that the parse hung on a dropped time phrase ("a voté jeudi la fermeture",
    with "fermeture" under "jeudi") is kept all the same."""
    kept = {head.i}
    frontier = [head.i]
    while frontier:
        current = frontier.pop()
        children = sentence.children(current)
        for child in children:
            if not _dropped(sentence, child):
                kept.add(child.i)
                frontier.append(child.i)
            elif child.dep.startswith("obl") and _is_time(sentence, child):
                rescued = [
                    grandchild
                    for grandchild in sentence.children(child.i)
                    if grandchild.dep in ARGUMENT_RELATIONS
                ]
                kept.update(grandchild.i for grandchild in rescued)
                frontier.extend(grandchild.i for grandchild in rescued)
    # Marks around a kept phrase are noise once their content is cut.
    return [t for t in sentence.tokens if t.i in kept and t.text not in _QUOTES]


def _present(verb: Token, *, plural: bool) -> str | None:
    """The third-person present of a first-group verb ("annoncer" -> "annonce"), when
    the forms the rules give include a word French uses (Zipf from wordfreq)."""
    lemma = verb.lemma.lower()
    if not lemma.endswith("er") or lemma == "aller" or len(lemma) < 4:
        return None
    stem = lemma[:-2]
    stems = {stem, stem[:-1] + "i" if stem.endswith("y") else stem}
    for index in range(len(stem) - 2, -1, -1):  # "révéler" -> "révèle", "mener" -> "mène"
        if stem[index] in "eé":
            stems.add(stem[:index] + "è" + stem[index + 1 :])
            break
    if stem.endswith(("l", "t")):
        stems.add(stem + stem[-1])  # "appeler" -> "appelle"
    ending = "ent" if plural else "e"
    best = max(sorted(stems), key=lambda candidate: zipf(candidate + ending))
    form = best + ending
    return form if zipf(form) >= MIN_FORM_ZIPF else None


def _words(sentence: AnalysedSentence, tokens: list[Token]) -> list[str]:
    """The kept tokens as words (spaced as in the text where they were contiguous), a
    compound past with "avoir" turned present ("a annoncé" -> "annonce")."""
    replaced: dict[int, str] = {}
    kept = {token.i for token in tokens}
    for token in tokens:
        if token.dep != "aux:tense" or token.lemma != "avoir" or token.text not in ("a", "ont"):
            continue
        verb = sentence.tokens[token.head]
        others = [
            child
            for child in sentence.children(verb.i)
            if child.i != token.i and (child.dep.startswith("aux") or child.lemma == "ne")
        ]
        if verb.i not in kept or others or verb.feature("VerbForm") != "Part":
            continue
        form = _present(verb, plural=token.text == "ont")
        if form:
            replaced[token.i] = ""
            replaced[verb.i] = form
    text = ""
    previous: Token | None = None
    for token in tokens:
        word = replaced.get(token.i, token.text)
        if not word:
            continue
        if previous is not None and not text.endswith(" "):
            contiguous = previous.i + 1 == token.i and not previous.space
            text += "" if contiguous or text.endswith(("'", "’")) else " "
        text += word + (" " if token.space else "")
        previous = token
    return text.split()


def _subtree_in(sentence: AnalysedSentence, token: Token, kept: set[int]) -> set[int]:
    return {t.i for t in sentence.subtree(token.i)} & kept


def _fit(
    sentence: AnalysedSentence, tokens: list[Token], head: Token, max_words: int
) -> list[Token]:
    """Drop optional phrases, last first, until the headline has ``max_words`` words."""
    kept = {token.i for token in tokens}
    while len(_words(sentence, [t for t in tokens if t.i in kept])) > max_words:
        optional = [
            token
            for token in tokens
            if token.i in kept and token.i != head.i and token.dep in OPTIONAL_RELATIONS
        ]
        if not optional:
            break
        last = max(optional, key=lambda token: (max(_subtree_in(sentence, token, kept)), token.i))
        kept -= _subtree_in(sentence, last, kept)
    fitted = [token for token in tokens if token.i in kept]
    while len(_words(sentence, fitted)) > max_words:
        fitted.pop()
    while fitted and fitted[-1].pos in _NO_END:
        fitted.pop()
    return fitted


def _core(sentence: AnalysedSentence, max_words: int) -> list[Token]:
    """The tokens of the sentence's main clause that its headline keeps."""
    head = _clause_head(sentence)
    if head is None:
        return []
    kept = _kept(sentence, head)
    if head.dep != "ROOT":  # "[X affirme] que ...": the content clause, without "que"
        kept = [token for token in kept if not (token.dep == "mark" and token.head == head.i)]
    return _fit(sentence, kept, head, max_words)


def compress(sentence: AnalysedSentence, *, max_words: int = MAX_WORDS) -> str:
    """The main clause of ``sentence`` in headline form, at most ``max_words`` words."""
    tokens = _core(sentence, max_words)
    if not tokens:
        return " ".join(sentence.text.split()[:max_words])
    return " ".join(_words(sentence, tokens)).strip(" ,;:-")


def _usable(sentence: AnalysedSentence) -> bool:
    """Whether a lead sentence can make a headline: a statement with a subject and a
    verb, not a quotation or a question."""
    text = sentence.text.strip()
    return (
        len(text.split()) >= 5
        and not text.endswith(("?", "…", "..."))
        and text[0] not in _QUOTES + "-–—"
        and any(token.dep.startswith("nsubj") for token in sentence.tokens)
        and any(token.pos in ("VERB", "AUX") for token in sentence.tokens)
    )


def _lead(paragraphs: Sequence[str]) -> list[str]:
    sentences: list[str] = []
    for paragraph in paragraphs:
        sentences.extend(split_sentences(paragraph))
        if len(sentences) >= LEAD_SENTENCES:
            break
    return sentences[:LEAD_SENTENCES]


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.casefold()))


def _is_name(text: str) -> bool:
    """A proper name of a few words, each capitalised ("Seine-Saint-Denis", "Carlos
    Ghosn"; not "Premier ministre")."""
    words = text.split()
    return (
        len(words) <= MAX_TOPIC_WORDS
        and sum(char.isalpha() for char in text) >= 3
        and all(word[0].isupper() for word in words)
    )


def topic(lead: Sequence[AnalysedSentence], article: str, headline: str) -> str:
    """The person or place the article is about, for a "Topic : claim" title: of the
    people and places the lead names (at most three words, none already in the
    headline), the one the article mentions most often (the first on a tie)."""
    used = _words_of(headline)
    names = [
        entity.text
        for sentence in lead
        for entity in sentence.entities
        if entity.label in TOPIC_LABELS
        and _is_name(entity.text)
        and not _words_of(entity.text) & used
    ]
    if not names:
        return ""
    mentions = {
        name: len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", article)) for name in names
    }
    return max(names, key=lambda name: (mentions[name], -names.index(name)))


def generate_title(paragraphs: Sequence[str], *, max_words: int = MAX_WORDS) -> str:
    """A title for an article whose ``paragraphs`` came without one."""
    sentences = _lead(paragraphs)
    if not sentences:
        return infer_title(paragraphs)
    try:
        analysed = analyse_many(sentences)
    except AnalysisUnavailableError as error:
        logger.info("no language model (%s): the title is a noun phrase", error)
        return infer_title(paragraphs)
    return headline(analysed, "\n".join(paragraphs), max_words=max_words) or infer_title(paragraphs)


def headline(lead: Sequence[AnalysedSentence], article: str, *, max_words: int = MAX_WORDS) -> str:
    """The headline of an article from its lead's analysed sentences: "Topic : claim",
    or the claim alone; "" when no sentence makes one."""
    if not lead:
        return ""
    usable = [sentence for sentence in lead if _usable(sentence)] or [lead[0]]
    cores = [(sentence, _core(sentence, max_words)) for sentence in usable]
    # The first whose kept clause still says who does what ("de lancer" does not).
    chosen, tokens = next(
        ((s, core) for s, core in cores if any(t.dep.startswith("nsubj") for t in core)),
        cores[0],
    )
    if not tokens:
        return ""
    claim = " ".join(_words(chosen, tokens)).strip(" ,;:-")
    if len(claim.split()) < 2:
        return ""
    prefix = topic(lead, article, claim)
    if not prefix:
        return claim[0].upper() + claim[1:]
    if tokens[0].pos != "PROPN":  # "Roissy : deux avions ...", "Roissy : Air France ..."
        claim = claim[0].lower() + claim[1:]
    return f"{prefix} : {claim}"
