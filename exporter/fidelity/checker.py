"""Is every sentence of a summary said by the article? An independent check.

This module shares no code with the summariser (it imports nothing from
:mod:`exporter.summary`): it only reads the shared linguistic analysis. A summary sentence
is *supported* when one sentence of the article (its *source*) carries all of:

- its **numbers and dates** (figures, number words, months, days);
- its **named entities** and its other content words (a subject may be the article's
  name for what the source calls "elle", and a person's description may come from an
  apposition anywhere in the article);
- its **negations**: a verb negated in one and not in the other is a contradiction;
- the **head–argument relations** of its verbs and nouns: who does what to whom (subject
  and object are not interchangeable), with the same head words;
- a verb may be said by a **synonym**: a word that opens one of the article verb's senses
  in the French Wiktionary ("exhorter : Exciter, encourager par ses paroles" lets
  "encourager" stand for "exhorter"); any other verb is a different claim;
- and it must not be **cut short**: a verb keeps the objects and prepositional arguments
  it has in the source, and a noun keeps the complements that restrict its meaning
  (adjectives, "de …", "en …": "la gouvernance *de l'IA*", "les pays *en développement*").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from exporter.text.analysis import AnalysedSentence, Analysis, Token, analyse_many
from exporter.text.dictionary import senses
from exporter.text.fr_data import MONTHS

_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "X"})
_SUBJECT = frozenset({"nsubj", "obl:agent", "csubj"})
_OBJECT = frozenset({"obj", "nsubj:pass", "iobj"})
#: Arguments a verb may not lose (its objects, its prepositional and clausal arguments).
_CORE = frozenset({"obj", "iobj", "obl:arg", "ccomp", "xcomp"})
#: Prepositions whose complement restricts a noun's meaning.
_RESTRICTING_CASES = frozenset({"de", "du", "des", "d'", "d’", "en"})
#: Quantifying adjectives that a summary may drop without changing the claim.
_LOOSE_ADJECTIVES = frozenset(
    {"tout", "divers", "autre", "nombreux", "certain", "différent", "plusieurs", "même"}
)
#: Words whose arguments or complements are checked; "l'une des juristes", "13 % du PIB",
#: "plusieurs d'entre eux" restrict a pronoun, a number or a symbol as "de" restricts a noun.
#: "ce Breton de 41 ans", "pas mal de dents", "les normales de saison" (an adjective the
#: tagger takes for a noun and back) restrict a name, an adverb or an adjective as well.
_VERBAL = frozenset({"VERB", "AUX"})
_QUANTIFIED = frozenset({"NOUN", "PROPN", "PRON", "NUM", "SYM", "DET", "ADJ", "ADV"})
_HEADS = _VERBAL | _QUANTIFIED
_COMPLEMENTS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "VERB"})
#: "doit", "pourrait", "va" say nothing without an infinitive after them.
_MODAL_VERBS = frozenset({"devoir", "pouvoir", "vouloir", "falloir", "aller"})
_NEGATIONS = frozenset({"ne", "n'", "n’", "pas", "jamais", "aucun", "aucune", "nullement"})
#: Words that carry no claim even inside a name ("et" in "la Ceinture et la Route").
_FUNCTION_WORDS = frozenset({"CCONJ", "SCONJ", "ADP", "DET", "PUNCT", "PART"})
_MONTHS = frozenset(MONTHS)
_DAYS = frozenset(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
_SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "lui", "celui-ci", "celle-ci"})
#: How many sentences back the referent of a source's pronoun subject may be found.
_REFERENT_WINDOW = 3


@dataclass(frozen=True, kw_only=True, slots=True)
class Verdict:
    sentence: str
    supported: bool
    #: Index of the article sentence that supports it (or comes closest); the number of
    #: sentences stands for the title.
    source: int | None
    problems: tuple[str, ...]


def _word(token: Token) -> str:
    return token.lemma.casefold()


def _role(dep: str) -> str:
    if dep in _SUBJECT:
        return "subject"
    if dep in _OBJECT:
        return "object"
    return "other"


def _effective_head(sentence: AnalysedSentence, token: Token) -> Token:
    """A conjunct shares its first conjunct's head: 'appelé aux échanges et à la
    coopération' relates 'appeler' to both nouns."""
    seen = 0
    while token.dep == "conj" and token.head != token.i and seen < 10:
        token = sentence.tokens[token.head]
        seen += 1
    return token


def _relations(sentence: AnalysedSentence) -> set[tuple[str, str, str]]:
    """(head lemma, role, dependent lemma) for content words, conjuncts distributed."""
    found: set[tuple[str, str, str]] = set()
    tokens = sentence.tokens
    for token in tokens:
        if token.pos not in _CONTENT or token.head == token.i:
            continue
        anchor = _effective_head(sentence, token)
        if anchor.head == anchor.i:
            continue
        head = tokens[anchor.head]
        if head.pos in _CONTENT:
            found.add((_word(head), _role(anchor.dep), _word(token)))
        if anchor.dep == "appos":
            found.add((_word(token), "appos", _word(head)))
    # "la séance qui a ouvert le sommet": the relative pronoun stands for its antecedent.
    for token in tokens:
        verb = tokens[token.head]
        if token.pos == "PRON" and token.dep in _SUBJECT | _OBJECT and verb.dep == "acl:relcl":
            # The parser attaches the clause to some noun before it, not always the
            # right one: any noun since the previous verb may be the antecedent.
            start = max((t.i for t in tokens[: token.i] if t.pos == "VERB"), default=-1)
            for noun in tokens[start + 1 : token.i]:
                if noun.pos in {"NOUN", "PROPN"}:
                    found.add((_word(verb), _role(token.dep), _word(noun)))
    # A conjoined verb without a subject of its own shares its first conjunct's subject.
    for token in tokens:
        if token.pos == "VERB" and token.dep == "conj":
            has_subject = any(c.dep in _SUBJECT for c in sentence.children(token.i))
            first = _effective_head(sentence, token)
            if not has_subject:
                for child in sentence.children(first.i):
                    if child.dep in _SUBJECT and child.pos in _CONTENT:
                        found.add((_word(token), "subject", _word(child)))
    return found


def _numbers(sentence: AnalysedSentence) -> set[str]:
    found = set()
    for token in sentence.tokens:
        text = token.text.casefold()
        if token.pos == "NUM" or any(c.isdigit() for c in text):
            found.add(text.replace(" ", "").replace(",", "."))
        elif text in _MONTHS or text in _DAYS:
            found.add(text)
    return found


def _number_paths(sentence: AnalysedSentence) -> set[tuple[str, ...]]:
    """Each number with the word it counts and, for a quantity, the verb it depends on:
    ('kg', '521') and ('transporter', 'kg', '521')."""
    paths: set[tuple[str, ...]] = set()
    for token in sentence.tokens:
        if token.pos != "NUM" or token.head == token.i:
            continue
        parent = sentence.tokens[token.head]
        number = token.text.casefold()
        paths.add((_word(parent), number))
        anchor = _effective_head(sentence, parent)
        if parent.pos == "NOUN" and anchor.head != anchor.i:
            grand = sentence.tokens[anchor.head]
            if grand.pos == "VERB":
                paths.add((_word(grand), _word(parent), number))
    return paths


def _negated(sentence: AnalysedSentence) -> set[str]:
    heads = set()
    for token in sentence.tokens:
        if token.text.casefold() in _NEGATIONS or "Polarity=Neg" in token.morph:
            heads.add(_word(sentence.tokens[token.head]))
    return heads


def _lemmas(sentence: AnalysedSentence) -> set[str]:
    # A copula or an auxiliary ("ils étaient plusieurs", tagged VERB in one parse and
    # AUX in the other) says nothing by itself: what it links is checked.
    return {
        _word(t)
        for t in sentence.tokens
        if (t.pos in _CONTENT or (t.ent_type and t.pos not in _FUNCTION_WORDS))
        and not (t.dep == "cop" or t.dep.startswith("aux"))
    }


def _subject_words(sentence: AnalysedSentence) -> set[str]:
    """Content words of the sentence's subjects (which may name a source's pronoun)."""
    words: set[str] = set()
    for token in sentence.tokens:
        if token.dep in _SUBJECT | {"nsubj:pass"}:
            words |= {_word(t) for t in sentence.subtree(token.i) if t.pos in _CONTENT}
    return words


class _Article:
    def __init__(self, analysis: Analysis) -> None:
        # The title is a sentence of the article too ("La Chine appelle à …").
        title = (analysis.title,) if analysis.title.tokens else ()
        self.sentences = (*analysis.sentences, *title)
        self.relations = [_relations(s) for s in self.sentences]
        self.lemmas = [_lemmas(s) for s in self.sentences]
        self.numbers = [_numbers(s) for s in self.sentences]
        self.negated = [_negated(s) for s in self.sentences]
        self.appositions = {r for rels in self.relations for r in rels if r[1] == "appos"}
        #: Each apposition's words: the name, its description and their dependents
        #: ("Wu Zhaohui, vice-ministre chinois des Sciences").
        self.apposition_groups: list[set[str]] = []
        for sentence in self.sentences:
            for token in sentence.tokens:
                if token.dep != "appos" or token.head == token.i:
                    continue
                ends = {token.i, token.head}
                self.apposition_groups.append(
                    {
                        _word(t)
                        for t in sentence.tokens
                        if (t.i in ends or t.head in ends) and t.pos in _CONTENT
                    }
                )
        self.all_lemmas = set().union(*self.lemmas) if self.lemmas else set()

    def referent_words(self, index: int) -> set[str]:
        """Words that may stand for a pronoun subject of sentence ``index``."""
        has_pronoun = any(
            t.dep in _SUBJECT | {"nsubj:pass"} and t.text.casefold() in _SUBJECT_PRONOUNS
            for t in self.sentences[index].tokens
        )
        if not has_pronoun:
            return set()
        words: set[str] = set()
        for earlier in range(max(0, index - _REFERENT_WINDOW), index):
            words |= self.lemmas[earlier]
        return words


def _problems(
    summary: AnalysedSentence, article: _Article, index: int, relations: set[tuple[str, str, str]]
) -> list[str]:
    source = article.sentences[index]
    problems: list[str] = []
    extra_numbers = _numbers(summary) - article.numbers[index]
    if extra_numbers:
        problems.append(f"number or date not in the source: {', '.join(sorted(extra_numbers))}")
    else:
        source_paths = _number_paths(source)
        for path in sorted(_number_paths(summary) - source_paths):
            if len(path) == 3 and path[0] not in article.lemmas[index]:
                continue
            problems.append(f"number attached to another word: {' → '.join(path)}")
    heads = {_word(t) for t in summary.tokens}
    negated = _negated(summary)
    flipped = (negated ^ article.negated[index]) & heads & article.lemmas[index]
    if flipped:
        problems.append(f"negation differs on: {', '.join(sorted(flipped))}")
    allowed = article.lemmas[index] | article.referent_words(index)
    subject_words = _subject_words(summary)
    summary_lemmas = _lemmas(summary)
    names = {_word(t) for t in summary.tokens if t.pos == "PROPN"}
    for word in sorted(summary_lemmas - article.lemmas[index]):
        # The article's name for the actor, repeated or resolved; a proper name only
        # where the source says "il"/"elle" for it.
        if (
            word in subject_words
            and word in article.all_lemmas
            and (word not in names or word in allowed)
        ):
            continue
        # Who someone is, as the article says it elsewhere: a word of an apposition
        # whose other words the source and the summary share (for a name, another name
        # of that person: "le président Emmanuel Macron" does not make every "président"
        # Emmanuel Macron).
        shared = names if word in names else summary_lemmas
        if any(
            word in group and (group - {word}) & shared & allowed
            for group in article.apposition_groups
        ):
            continue
        problems.append(f"not in the source sentence: {word}")
    source_relations = article.relations[index]
    for head, role, dependent in sorted(relations):
        if role == "appos" and (head, role, dependent) in article.appositions:
            continue
        if (head, role, dependent) in source_relations:
            continue
        reverse = (head, "object" if role == "subject" else "subject", dependent)
        if (
            role == "subject"
            and dependent in allowed | subject_words
            and reverse not in source_relations
        ):
            if not any(r[0] == head and r[1] == "subject" for r in source_relations):
                continue  # the source's verb has no subject of its own here (infinitive)
            if any(r[0] == head and r[2] in _SUBJECT_PRONOUNS for r in source_relations):
                continue
        if role == "other" and ((head, "object", dependent) in source_relations):
            continue
        if role == "object" and (head, "other", dependent) in source_relations:
            continue
        if (
            role == "object"
            and (head, "subject", dependent) not in source_relations
            and _in_order(source, head, dependent)
        ):
            continue  # the parser's object/complement confusions
        if {(head, "appos", dependent), (dependent, "appos", head)} & article.appositions:
            continue  # "X est Y" for the article's "X, Y, ..."
        if {head, dependent} <= subject_words and any(
            (head, role, dependent) in rels for rels in article.relations
        ):
            continue  # inside the actor's name, as the article writes it elsewhere
        if role in {"subject", "object"} and reverse in source_relations:
            problems.append(f"roles swapped: {dependent} is not the {role} of {head}")
        elif role != "other":
            problems.append(f"relation not in the source: {head} → {dependent}")
        # Other relations (prepositional phrases, modifiers) are attached too
        # inconsistently by the parser to be compared: their words are checked above.
    problems += _cut_short(summary, source)
    return problems


def _in_order(source: AnalysedSentence, head: str, dependent: str) -> bool:
    """Whether the source has the two words, the head first: a looser test for the
    relations the parser attaches inconsistently (prepositional phrases)."""
    heads = [t.i for t in source.tokens if _word(t) == head]
    return any(_word(t) == dependent and t.i > heads[0] for t in source.tokens) if heads else False


#: A required word and how far from its head the source has it (negative: before it).
_Placed = tuple[str, int]


def _alternatives(source: AnalysedSentence, head: Token, child: Token) -> tuple[_Placed, ...]:
    """A required word and its conjuncts: keeping any one of them keeps the argument."""
    conjuncts = [t for t in source.tokens if t.dep == "conj" and t.head == child.i]
    return tuple((_word(t), t.i - head.i) for t in (child, *conjuncts))


def _infinitive(source: AnalysedSentence, verb: Token) -> bool:
    """An infinitive, or a participle after an infinitive auxiliary ("d'être arrêté")."""
    auxiliaries = [t for t in source.children(verb.i) if t.dep.startswith("aux")]
    return any("VerbForm=Inf" in t.morph for t in (verb, *auxiliaries))


def _required_children(source: AnalysedSentence, token: Token) -> set[tuple[_Placed, ...]]:
    """What a verb or noun of the source may not lose; each item is satisfied by any
    one of its words."""
    required: set[tuple[_Placed, ...]] = set()
    for child in source.children(token.i):
        if token.pos in {"VERB", "AUX"} and child.dep in _CORE and child.pos in _CONTENT | {"AUX"}:
            required.add(_alternatives(source, token, child))
        elif token.pos == "NOUN" and child.dep == "acl" and _infinitive(source, child):
            # "demandé aux pays d'adhérer", "le risque d'être arrêté"
            required.add(_alternatives(source, token, child))
        elif token.pos == "NOUN" and child.dep == "amod" and child.pos == "ADJ":
            if _word(child) not in _LOOSE_ADJECTIVES and child.i > token.i:
                required.add(((_word(child), child.i - token.i),))
        elif token.pos in _QUANTIFIED and child.dep == "nmod" and child.pos in _COMPLEMENTS:
            cases = {c.text.casefold() for c in source.children(child.i) if c.dep == "case"}
            if cases & _RESTRICTING_CASES:
                required.add(((_word(child), child.i - token.i),))
    return required


def _kept(summary: AnalysedSentence, token: Token, placed: _Placed) -> bool:
    """Whether the summary keeps a required word where a deletion could have left it: on
    the same side of the head, no farther than in the source (one word of slack for a
    repeated article or a joined contraction). The same word elsewhere in the sentence
    is another word's complement ("les forces [de police] … de la police nationale")."""
    word, distance = placed
    reach = abs(distance) + 1
    if distance > 0:
        near = summary.tokens[token.i + 1 : token.i + reach + 1]
    else:
        near = summary.tokens[max(0, token.i - reach) : token.i]
    return any(_word(t) == word for t in near)


def _cut_short(summary: AnalysedSentence, source: AnalysedSentence) -> list[str]:
    """Verbs that lost their arguments, nouns that lost their restricting complements.

    A word the source has several times is matched in order (a compression deletes, it
    does not reorder): the summary's second "vingtaine" is not the source's first.
    """
    problems: list[str] = []
    for token in summary.tokens:
        if _word(token) not in _MODAL_VERBS:
            continue
        governing = [
            t
            for t in source.tokens
            if _word(t) == _word(token)
            and any("VerbForm=Inf" in c.morph for c in source.tokens[t.i + 1 : t.i + 4])
        ]
        followed = any("VerbForm=Inf" in t.morph for t in summary.tokens[token.i + 1 :])
        everywhere = len(governing) == sum(_word(t) == _word(token) for t in source.tokens)
        # "qu'il aille s'occuper …, qu'il aille dans les restaurants": a verb the source
        # also uses without an infinitive may be that use.
        if governing and everywhere and not followed:
            problems.append(f"{token.text} lost the verb it governs")
    used: dict[str, int] = {}
    for token in summary.tokens:
        if token.pos not in _HEADS:
            continue
        verbal = token.pos in _VERBAL
        occurrences = [
            t
            for t in source.tokens
            if t.pos in _HEADS
            and (
                t.text.casefold() == token.text.casefold()
                or ((t.pos in _VERBAL) == verbal and _word(t) == _word(token))
            )
        ]
        start = used.get(_word(token), 0)
        remaining = occurrences[start:] or occurrences[-1:]
        if not remaining:
            continue
        needs = [
            {
                words
                for words in _required_children(source, t)
                if not any(_kept(summary, token, placed) for placed in words)
            }
            for t in remaining
        ]
        # The first source occurrence this one can be, leaving one for each later use.
        later = sum(1 for t in summary.tokens[token.i + 1 :] if _word(t) == _word(token))
        choices = needs[: max(1, len(needs) - later)]
        best = min(range(len(choices)), key=lambda i: (len(choices[i]), i))
        used[_word(token)] = start + best + 1
        if choices[best]:
            what = "argument" if remaining[best].pos in {"VERB", "AUX"} else "complement"
            names = sorted(" / ".join(word for word, _ in words) for words in choices[best])
            problems.append(f"{token.text} lost its {what}: {', '.join(names)}")
    return problems


def _sense_openers(verb: str) -> set[str]:
    """The synonyms that open the Wiktionary senses of ``verb``: one-word items, and the
    first word of an item that continues such a list ("Exciter, encourager par ses
    paroles." -> exciter, encourager; "Aller en augmentant." -> none)."""
    openers: set[str] = set()
    for sense in senses(verb):
        head = re.split(r"[.(:]", sense, maxsplit=1)[0]
        listed = False
        for item in re.split(r"\s*[,;]\s*", head.strip()):
            words = item.split()
            if not words or not words[0].isalpha():
                break
            if len(words) == 1 or listed:
                openers.add(words[0].casefold())
            if len(words) != 1:
                break
            listed = True
    return openers


def _synonyms(article: Analysis) -> dict[str, str]:
    """A synonym of an article's verb -> that verb."""
    found: dict[str, str] = {}
    verbs = {_word(t) for s in article.sentences for t in s.tokens if t.pos == "VERB"}
    for verb in sorted(verbs):
        for word in _sense_openers(verb):
            found.setdefault(word, verb)
    return found


def _same_lemmas(
    sentence: AnalysedSentence, spelled: dict[str, set[str]], synonyms: dict[str, str]
) -> AnalysedSentence:
    """The summary's words lemmatised as the article's same words were (the lemmatiser
    may read one spelling two ways in two contexts), a verb's synonym as that verb."""

    def lemma(token: Token) -> str:
        known = spelled.get(token.text.casefold())
        if token.pos == "VERB" and token.lemma.casefold() in synonyms:
            return synonyms[token.lemma.casefold()]
        return token.lemma if not known or token.lemma in known else min(known)

    return replace(sentence, tokens=tuple(replace(t, lemma=lemma(t)) for t in sentence.tokens))


def check_sentences(
    article: Analysis,
    sentences: Sequence[AnalysedSentence],
    synonyms: dict[str, str] | None = None,
) -> list[Verdict]:
    """One verdict per summary sentence, against the article's analysis (with
    ``synonyms``, a verb's synonym is read as that verb)."""
    facts = _Article(article)
    spelled: dict[str, set[str]] = {}
    for sentence in article.sentences:
        for token in sentence.tokens:
            spelled.setdefault(token.text.casefold(), set()).add(token.lemma)
    verdicts: list[Verdict] = []
    for summary in (_same_lemmas(s, spelled, synonyms or {}) for s in sentences):
        if not article.sentences:
            verdicts.append(
                Verdict(
                    sentence=summary.text,
                    supported=False,
                    source=None,
                    problems=("the article has no sentence",),
                )
            )
            continue
        relations = _relations(summary)
        lemmas = _lemmas(summary)
        ranked = sorted(
            range(len(facts.sentences)),
            key=lambda i: (-len(lemmas & facts.lemmas[i]), i),
        )
        best: tuple[int, list[str]] | None = None
        for index in ranked[:5]:
            problems = _problems(summary, facts, index, relations)
            if best is None or len(problems) < len(best[1]):
                best = (index, problems)
            if not problems:
                break
        assert best is not None
        verdicts.append(
            Verdict(
                sentence=summary.text,
                supported=not best[1],
                source=best[0],
                problems=tuple(best[1]),
            )
        )
    return verdicts


_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def _without_known_asides(sentence: str, article_text: str) -> str:
    """The sentence without parentheses that quote the article ("(IA)", "(intelligence
    artificielle)": an acronym and its expansion); other parentheses are checked."""

    def keep_unknown(match: re.Match[str]) -> str:
        inner = match.group(1).strip().casefold()
        return "" if inner and inner in article_text else match.group(0)

    return _PARENTHESIS.sub(keep_unknown, sentence)


def check(article: Analysis, summary: Sequence[str]) -> list[Verdict]:
    """One verdict per summary sentence (each sentence is analysed here)."""
    if not summary:
        return []
    parsed = analyse_many(summary)
    verdicts = check_sentences(article, parsed)
    text = " ".join(s.text for s in article.sentences).casefold()
    for index, verdict in enumerate(verdicts):
        cleaned = _without_known_asides(verdict.sentence, text)
        if not verdict.supported and cleaned != verdict.sentence:
            parsed[index] = analyse_many([cleaned])[0]
            retried = check_sentences(article, [parsed[index]])[0]
            verdicts[index] = replace(retried, sentence=verdict.sentence)
    # A verb the source sentence does not use may be a synonym of one it uses.
    failed = [
        index
        for index, verdict in enumerate(verdicts)
        if not verdict.supported and any(t.pos == "VERB" for t in parsed[index].tokens)
    ]
    if failed:
        synonyms = _synonyms(article)
        again = check_sentences(article, [parsed[index] for index in failed], synonyms)
        for index, second in zip(failed, again, strict=True):
            if second.supported:
                verdicts[index] = replace(second, sentence=verdicts[index].sentence)
    return verdicts
