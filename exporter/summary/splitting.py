"""Long summary sentences cut at clause boundaries, by their parse.

A sentence longer than the limit is cut at one of these boundaries, tried in turn, and
each part longer than the limit is cut again:

- **coordinated clauses**: "X a fait A et a dit B" -> "X a fait A." "X a dit B." (the
  subject, and the auxiliaries the second verb shares, said again); a second clause with
  its own subject stands alone, its connector said as a sentence opens ("A, mais B" ->
  "A." "Mais B."; "A, car B" -> "A." "Car B.");
- a **relative clause on a named antecedent** ("Le ministre, qui a signé l'accord,
  partira demain" -> "Le ministre a signé l'accord." "Le ministre partira demain.");
- an **adverbial clause** of contrast or cause ("A, alors que B" -> "A." "B.").

What is never cut: reported speech, where a part would lose who says it (a clause inside
"X a déclaré que …", a sentence attributed by "selon …" or by a speaker after it: "…, a
indiqué l'Insee"); a condition, a disjunction, a subjunctive. A cut is made only when
every part is a sentence (:mod:`.split_parts`: a capital, a final point, a subject and a
finite verb, no dangling "et" or "qui", no pronoun whose noun stands in a later part:
"Alors qu'ils encourent …, David et Louise Turpin ont plaidé …"). :func:`split_long`
keeps a cut only when the caller's check (the independent faithfulness checker) finds
every part supported.

Pure functions over the shared analysis (:mod:`exporter.text.analysis`): the summary
sentence is parsed by the same model as the article.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from exporter.parsers.headline_data import ATTRIBUTION_PREPOSITIONS, REPORTING_VERBS
from exporter.summary.compression import word_count
from exporter.summary.split_parts import (
    SUBJECTS,
    Part,
    agrees,
    has_subject,
    orphans,
    render,
    sentence_like,
)
from exporter.summary.splitting_data import (
    COORDINATORS,
    FUSED_ARTICLES,
    PUNCTUATION_JOINTS,
    SUBJECT_PRONOUNS,
    SUBJECT_RELATIVES,
    SUBORDINATORS,
    Connector,
)
from exporter.text.analysis import AnalysedSentence, Token, analyse_sentence

#: How many times a part may be cut again.
MAX_DEPTH = 3
#: What the second of two conjoined verbs takes from the first when it lacks its own.
_SHARED_FRAME = frozenset({"aux", "aux:tense", "aux:pass", "expl:comp", "expl:pass"})
#: What a repeated noun phrase leaves out: it names, it does not describe again.
_DESCRIPTIONS = frozenset(
    {"appos", "acl", "acl:relcl", "punct", "parataxis", "advcl", "conj", "cc"}
)
#: Moods of a clause that states a fact (not the subjunctive).
_FACTS = frozenset({"Ind", "Cnd"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


# --- where a sentence may be cut ----------------------------------------------------------


def _ancestors(sentence: AnalysedSentence, token: Token) -> list[Token]:
    chain: list[Token] = []
    while token.head != token.i and len(chain) < len(sentence.tokens):
        token = sentence.tokens[token.head]
        chain.append(token)
    return chain


def _reported(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether the clause is part of what someone says ("X a déclaré que [A et B]")."""
    return any(t.dep in {"ccomp", "parataxis"} for t in [token, *_ancestors(sentence, token)])


def _attributed(sentence: AnalysedSentence) -> bool:
    """Whether the whole sentence is someone's statement, by "selon …"/"d'après …" or by
    a speaker after a comma ("…, a indiqué l'Insee"): no part may lose it."""
    for token in sentence.tokens:
        if token.dep == "case":
            fixed = "".join(
                [token.text, *(c.text for c in sentence.children(token.i) if c.dep == "fixed")]
            )
            if fixed.casefold().replace("’", "'") in ATTRIBUTION_PREPOSITIONS:
                return True
        if _reporting(token):
            subjects = [c for c in sentence.children(token.i) if c.dep in SUBJECTS]
            # The verb with its auxiliaries after a comma, saying nothing after it: ", a
            # indiqué l'Insee" (the parse may take the statement for its subject and the
            # speaker for its object).
            start = min(
                [token.i, *(c.i for c in sentence.children(token.i) if c.dep.startswith("aux"))]
            )
            before = sentence.tokens[start - 1].text if start > 0 else ""
            reports = any(c.dep in {"ccomp", "xcomp"} for c in sentence.children(token.i))
            if any(s.i > token.i for s in subjects) or (before == "," and not reports):
                return True
    return False


def _reporting(token: Token) -> bool:
    """A verb of saying ("a indiqué"; "indique", which the lemmatizer leaves as it is)."""
    lemma = token.lemma.casefold()
    return token.pos == "VERB" and (lemma in REPORTING_VERBS or f"{lemma}r" in REPORTING_VERBS)


def _subtree(sentence: AnalysedSentence, head: int) -> set[int]:
    return {t.i for t in sentence.subtree(head)}


def _contiguous(sentence: AnalysedSentence, span: set[int]) -> bool:
    """Whether the span is one run of words (a clause the parse did not scatter)."""
    inside = sentence.tokens[min(span) : max(span) + 1]
    return all(t.i in span or t.pos == "PUNCT" for t in inside)


def _with_commas(sentence: AnalysedSentence, span: set[int]) -> set[int]:
    """The span and the comma before it (or, at the start, the comma after it)."""
    start, end = min(span), max(span)
    tokens = sentence.tokens
    if start > 0 and tokens[start - 1].text == ",":
        return span | {start - 1}
    if end + 1 < len(tokens) and tokens[end + 1].text == ",":
        return span | {end + 1}
    return span


def _finite_mood(sentence: AnalysedSentence, verb: Token) -> str:
    """The mood of the clause's finite verb or auxiliary ("Ind", "Cnd", "Sub"), or ""."""
    for token in [*sentence.children(verb.i), verb]:
        if (token.i == verb.i or token.dep.startswith(("aux", "cop"))) and "VerbForm=Fin" in (
            token.morph
        ):
            return token.feature("Mood")
    return ""


def _predicate(sentence: AnalysedSentence, token: Token) -> bool:
    if token.pos in {"VERB", "AUX"}:
        return True
    return any(c.dep == "cop" for c in sentence.children(token.i))


def _own_subject(sentence: AnalysedSentence, verb: Token) -> bool:
    return any(c.dep in SUBJECTS for c in sentence.children(verb.i))


def _name(sentence: AnalysedSentence, head: Token) -> set[int]:
    """A noun phrase as said again: without its own preposition ("avec [Jean Dupont]"),
    its appositions, clauses and what commas set off ("la neige, lourde et collante,"),
    its complements whole ("la Cour de justice de la République")."""
    kept = {head.i}
    for child in sentence.children(head.i):
        if child.dep in _DESCRIPTIONS or child.dep == "case":
            continue
        words = [t.i for t in sentence.subtree(child.i) if t.pos != "PUNCT"]
        if words and not (min(words) > head.i and sentence.tokens[min(words) - 1].text == ","):
            kept |= _complement(sentence, child)
    return kept


def _complement(sentence: AnalysedSentence, token: Token) -> set[int]:
    kept = {token.i}
    for child in sentence.children(token.i):
        if child.dep not in _DESCRIPTIONS:
            kept |= _complement(sentence, child)
    return kept


def _coordinated(sentence: AnalysedSentence) -> list[Part] | None:
    """The main clause and each clause conjoined to it, as sentences."""
    root = sentence.root
    if root is None or not _predicate(sentence, root) or _finite_mood(sentence, root) not in _FACTS:
        return None
    conjuncts: list[tuple[Token, Connector, set[int]]] = []
    for token in sentence.tokens:
        if token.dep != "conj" or token.head == token.i or not _predicate(sentence, token):
            continue
        if token.head != root.i and not _misplaced_clause(sentence, token):
            continue
        found = _joint(sentence, root, token)
        if found is not None:
            conjuncts.append((token, *found))
    if not conjuncts:
        return None
    spans = [_subtree(sentence, token.i) | joint for token, _, joint in conjuncts]
    joined = set().union(*spans)
    after = {t.i for t in sentence.tokens[min(joined) :] if t.pos != "PUNCT"}
    if not after <= joined:
        return None  # a word after the second clause hangs on the first: shared, or misparsed
    parts = [Part(tokens=frozenset({t.i for t in sentence.tokens} - joined))]
    subjects = [c for c in sentence.children(root.i) if c.dep in SUBJECTS]
    subject = subjects[0] if len(subjects) == 1 and subjects[0].pos in _NOMINAL else None
    for token, connector, joint in conjuncts:
        own = _subtree(sentence, token.i) - joint
        if _own_subject(sentence, token):
            if _finite_mood(sentence, token) not in _FACTS:
                return None
            name = _renamed(sentence, token, subject)
            if name:  # "X a signé, et il a dit …" -> "X a dit …"
                own = (own - {min(own)}) | name
            parts.append(Part(tokens=frozenset(own), opener=connector.opener, repeated=name))
            continue
        frame = _frame(sentence, root, token)
        if subject is None or frame is None:
            return None
        repeated = frozenset(_name(sentence, subject) | frame)
        parts.append(
            Part(tokens=frozenset(own | repeated), opener=connector.opener, repeated=repeated)
        )
    return parts


def _joint(
    sentence: AnalysedSentence, root: Token, clause: Token
) -> tuple[Connector, set[int]] | None:
    """What joins a conjoined clause to the first ("et", ", mais", ":") and how it opens
    a sentence. A clause after a comma and no conjunction is a speaker ("…, a affirmé la
    délégation"), not a second claim; one after a colon, a claim only when the first
    clause does not announce it ("a confirmé les rumeurs : il sera candidat")."""
    start = min(_subtree(sentence, clause.i))
    before = sentence.tokens[start - 1] if start > 0 else None
    joints = [c for c in sentence.children(clause.i) if c.dep == "cc"]
    if joints:
        connector = COORDINATORS.get(joints[0].text.casefold()) if len(joints) == 1 else None
        joint = {joints[0].i}
        if before is not None and before.text == ",":
            joint.add(before.i)
    elif before is not None and _own_subject(sentence, clause):
        connector = PUNCTUATION_JOINTS.get(before.text)
        joint = {before.i}
        if _reporting(root):
            return None
    else:
        return None
    return None if connector is None else (connector, joint)


def _frame(sentence: AnalysedSentence, root: Token, verb: Token) -> set[int] | None:
    """What a conjoined verb without a subject takes from the first verb besides its
    subject: the auxiliaries of a bare participle ("a été arrêté et [a été] placé"),
    nothing for a finite verb; None for an infinitive or a predicate without its copula."""
    if _finite_mood(sentence, verb) in _FACTS:
        return set()  # a finite verb, or one with its own auxiliary or copula
    if verb.pos not in {"VERB", "AUX"} or verb.feature("VerbForm") != "Part":
        return None
    frame = {c.i for c in sentence.children(root.i) if c.dep in _SHARED_FRAME}
    if not any(sentence.tokens[i].feature("Mood") in _FACTS for i in frame):
        return None
    return frame


def _renamed(sentence: AnalysedSentence, verb: Token, subject: Token | None) -> frozenset[int]:
    """The first clause's subject, to say instead of the pronoun that opens a conjoined
    clause ("et il a dit"), when they agree; else nothing."""
    pronoun = next(c for c in sentence.children(verb.i) if c.dep in SUBJECTS)
    own = _subtree(sentence, verb.i)
    opening = min(
        i for i in own if sentence.tokens[i].dep != "cc" and sentence.tokens[i].pos != "PUNCT"
    )
    if subject is None or pronoun.i != opening or pronoun.pos != "PRON":
        return frozenset()
    if pronoun.text.casefold() not in SUBJECT_PRONOUNS or not agrees(subject, pronoun):
        return frozenset()
    return frozenset(_name(sentence, subject))


#: Relations that open a clause: a conjunct below one belongs to that clause.
_CLAUSES = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj"})


def _misplaced_clause(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether a conjunct below the root is a clause that the parse hung on a word of the
    main clause: one with its own subject ("a empêché la mise en œuvre … et son avenir
    est en jeu"), or a verb joined to a noun ("fait face à une recrudescence … et
    enregistre 64 cas"), which only the main verb can be joined to."""
    if not _in_main_clause(sentence, token):
        return False
    head = sentence.tokens[token.head]
    return _own_subject(sentence, token) or (
        token.pos == "VERB" and head.pos not in {"VERB", "AUX"}
    )


def _in_main_clause(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether nothing but nouns and their complements stand between the token and the
    root: "a empêché la mise en œuvre … [et son avenir est en jeu]"."""
    return not any(t.dep in _CLAUSES for t in _ancestors(sentence, token)[:-1])


def _antecedent(sentence: AnalysedSentence, clause: Token, pronoun: Token) -> Token | None:
    """The noun a relative clause is about: its head, or (when the parse hung the clause
    on the verb) the name just before the relative pronoun."""
    head = sentence.tokens[clause.head]
    if head.pos not in {"NOUN", "PROPN"}:
        before = pronoun.i - 1
        if before >= 0 and sentence.tokens[before].text == ",":
            before -= 1
        if before < 0:
            return None
        head = sentence.tokens[before]
        while head.dep in {"flat:name", "flat"} and head.head != head.i:
            head = sentence.tokens[head.head]
        if head.pos not in {"NOUN", "PROPN"}:
            return None
    return head


def _named(sentence: AnalysedSentence, noun: Token) -> bool:
    """A name, or a noun made definite by its article ("le ministre"), not "un homme"."""
    if noun.pos == "PROPN" or noun.ent_type:
        return True
    for child in sentence.children(noun.i):
        if child.dep == "det":
            return child.feature("Definite") == "Def" or child.feature("Poss") == "Yes"
    return False


def _relative(sentence: AnalysedSentence) -> list[Part] | None:
    """The sentence without a relative clause on a named antecedent, and the clause
    said of that antecedent."""
    for clause in sentence.tokens:
        if clause.dep != "acl:relcl":
            continue
        pronoun = next(
            (
                c
                for c in sentence.children(clause.i)
                if c.dep in {"nsubj", "nsubj:pass"} and c.text.casefold() in SUBJECT_RELATIVES
            ),
            None,
        )
        if pronoun is None or _reported(sentence, clause):
            continue
        antecedent = _antecedent(sentence, clause, pronoun)
        if antecedent is None or not _named(sentence, antecedent):
            continue
        cases = [c for c in sentence.children(antecedent.i) if c.dep == "case"]
        if any(c.text.casefold() in FUSED_ARTICLES for c in cases):
            continue  # "le président du Sénat, qui …": "Sénat" alone is no subject
        span = _subtree(sentence, clause.i)
        if not _contiguous(sentence, span):
            continue
        comma = pronoun.i > 0 and sentence.tokens[pronoun.i - 1].text == ","
        if not comma and antecedent.pos != "PROPN":
            continue  # "les pays qui …" restricts: a name is never restricted
        if _finite_mood(sentence, clause) not in {"Ind", "Cnd"}:
            continue
        everything = {t.i for t in sentence.tokens}
        removed = span | ({pronoun.i - 1} if comma else set())
        end = max(span)
        if comma and end + 1 < len(sentence.tokens) - 1 and sentence.tokens[end + 1].text == ",":
            removed.add(end + 1)
        name = _name(sentence, antecedent)
        main = Part(tokens=frozenset(everything - removed))
        said = Part(
            tokens=frozenset((span - {pronoun.i}) | name | {len(sentence.tokens) - 1}),
            repeated=frozenset(name),
        )
        return [said, main] if clause.i < (sentence.root or clause).i else [main, said]
    return None


def _marker(sentence: AnalysedSentence, clause: Token) -> tuple[str, set[int]]:
    """An adverbial clause's subordinator ("alors que") and its tokens."""
    for mark in sentence.children(clause.i):
        if mark.dep == "mark":
            fixed = [c for c in sentence.children(mark.i) if c.dep == "fixed"]
            words = " ".join(t.text for t in [mark, *fixed]).casefold()
            return words.replace("qu'", "que").replace("qu’", "que"), {mark.i} | {
                f.i for f in fixed
            }
    return "", set()


def _adverbial(sentence: AnalysedSentence) -> list[Part] | None:
    """The main clause and an adverbial clause of contrast or cause, as sentences."""
    root = sentence.root
    if root is None:
        return None
    for clause in sentence.children(root.i):
        if clause.dep != "advcl" or not _own_subject(sentence, clause):
            continue
        words, marks = _marker(sentence, clause)
        connector = SUBORDINATORS.get(words)
        if connector is None or _finite_mood(sentence, clause) not in _FACTS:
            continue
        span = _subtree(sentence, clause.i)
        before = clause.i < root.i
        if before and not connector.may_precede:
            continue
        start = min(span)
        if start > 0 and sentence.tokens[start - 1].pos == "ADV" and not before:
            # "simplement parce que …", "surtout car …": the adverb goes with the link
            span, marks = span | {start - 1}, marks | {start - 1}
        around = [t.i for t in sentence.tokens if t.i not in span and t.pos != "PUNCT"]
        if not around or not _contiguous(sentence, span):
            continue  # no main clause left, or a clause scattered by the parse
        if (max(span) > min(around)) if before else (min(span) < max(around)):
            continue  # a clause in the middle of the other
        everything = {t.i for t in sentence.tokens}
        main = Part(tokens=frozenset(everything - _with_commas(sentence, span)))
        own = Part(
            tokens=frozenset(span - marks | {len(sentence.tokens) - 1}),
            opener=connector.opener,
        )
        return [own, main] if before else [main, own]
    return None


#: The cuts, tried in this order.
CUTS: tuple[Callable[[AnalysedSentence], list[Part] | None], ...] = (
    _coordinated,
    _relative,
    _adverbial,
)


def cut(sentence: AnalysedSentence) -> list[str] | None:
    """The sentence as two or more sentences at its first clause boundary that gives
    sentences (see the module's docstring), or None."""
    if _attributed(sentence):
        return None
    for find in CUTS:
        parts = find(sentence)
        if not parts or len(parts) < 2 or orphans(sentence, parts):
            continue
        if not all(has_subject(sentence, part) for part in parts):
            continue  # the parse hung the subject on the other clause
        texts = [render(sentence, part) for part in parts]
        if all(sentence_like(text) for text in texts):
            return texts
    return None


def split_long(
    sentences: Sequence[str],
    *,
    limit: int,
    supported: Callable[[Sequence[str]], list[bool]],
    most: int | None = None,
) -> list[str]:
    """Each sentence longer than ``limit`` words cut at its clause boundaries, and each
    part longer than ``limit`` cut again (MAX_DEPTH times at most), the longest sentences
    first while the whole holds at most ``most`` sentences. A cut is kept only when
    ``supported`` (the faithfulness check) accepts all its parts; else the sentence stays
    whole."""
    # How many sentences the cuts may still add (shared by all the cuts).
    spare = [sys.maxsize if most is None else most - len(sentences)]
    results = {index: [text] for index, text in enumerate(sentences)}
    for index in sorted(results, key=lambda i: -word_count(sentences[i])):
        results[index] = _split(
            sentences[index], limit=limit, supported=supported, depth=0, spare=spare
        )
    return [part for index in range(len(sentences)) for part in results[index]]


def _split(
    text: str,
    *,
    limit: int,
    supported: Callable[[Sequence[str]], list[bool]],
    depth: int,
    spare: list[int],
) -> list[str]:
    """The text cut again and again; ``spare`` counts the sentences cuts may still add."""
    if depth >= MAX_DEPTH or word_count(text) <= limit or spare[0] < 1:
        return [text]
    parts = cut(analyse_sentence(text))
    if parts is None or len(parts) - 1 > spare[0] or not all(supported(parts)):
        return [text]
    spare[0] -= len(parts) - 1
    found: list[str] = []
    for part in parts:
        found += _split(part, limit=limit, supported=supported, depth=depth + 1, spare=spare)
    return found
