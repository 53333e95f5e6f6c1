"""Shorten a sentence by deleting only what its parse shows to be removable.

What may go (never inside a named entity): parentheses, a dateline, linking and manner
adverbs, non-restrictive appositions and relative clauses (set off by a comma), gerund
clauses set off by commas, participle clauses after a noun ("organisé au Royaume-Uni"),
and — only while the sentence is still too long — the verb's circumstantial complements
("lors du sommet") and prepositional complements of nouns other than "de"/"en".

What never goes: a verb's subject, object or prepositional argument (the only complement
of a pronominal verb, "s'attarder sur …", is one), an adjective after its noun, a noun's
"de …" or "en …" complement and one without determiner ("la chasse à courre", "le mariage
pour tous"), a negation, an indirect question ("sur quels sites …") or a clause the parse
took for a circumstance, part of a name (a run of capitalised words the parse cut). A
sentence whose main verb has a conjoined verb is split in two, the subject repeated ("La
délégation a fait la promotion de X. La délégation a indiqué que …").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from exporter.text.analysis import AnalysedSentence, Token

#: Words a sentence should not exceed once compressed (easy-to-read French).
TARGET_WORDS = 14
_CORE = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "ccomp", "xcomp", "csubj"})
_KEPT_ADVERBS = frozenset(
    {"ne", "n'", "pas", "plus", "jamais", "moins", "très", "trop", "non", "seulement", "déjà",
     "encore", "toujours", "bien", "mal", "peu", "beaucoup", "environ", "presque", "près",
     "tard", "tôt", "ici", "là", "loin", "hier", "aujourd'hui", "demain", "lors", "ensemble",
     "sauf", "même", "seul", "uniquement", "surtout", "quasiment", "officiellement", "soit",
     "que", "qu'", "qu’", "guère", "nullement", "point"}
)  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj"})
_NEGATING_MARKERS = frozenset({"sans", "sauf", "hormis", "excepté", "malgré", "contre"})
_MARKS = frozenset({"case", "mark"})
_CIRCUMSTANCES = frozenset({"obl:mod", "obl", "advcl", "parataxis"})
#: Preposition and article in one word: the noun after them has its determiner.
_FUSED_ARTICLES = frozenset({"au", "aux", "du", "des"})
#: Words that open an indirect question (the tagger does not mark them as interrogative).
_INTERROGATIVES = frozenset({"quel", "quelle", "quels", "quelles", "combien", "pourquoi"})
_RESTRICTING_CASES = frozenset({"de", "du", "des", "d'", "d’", "en"})
_DATELINE = re.compile(
    r"^\s*\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}(?:\s*,\s*[^.,]{1,40})?\s*\.?\s*[-–—]\s*"
)
_WORD = re.compile(r"[^\W_]+")
_QUOTE = re.compile(r"[«»\"“”]")


@dataclass(frozen=True, kw_only=True, slots=True)
class Compressed:
    """A compressed sentence and what it dropped that may introduce someone."""

    text: str
    #: Index of the article sentence it comes from.
    source: int
    #: True for the second half of a split sentence (its subject repeated).
    split: bool = False
    #: Which of the sentence's clauses it says (0: the first; one per conjoined verb), so
    #: that its compressions to different lengths can be matched.
    clause: int = 0


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _in_entity(sentence: AnalysedSentence, indexes: Iterable[int]) -> bool:
    return _cuts_entity(sentence, list(indexes))


def _comma_before(sentence: AnalysedSentence, start: int) -> bool:
    return start > 0 and sentence.tokens[start - 1].text in {",", "(", "—", "–"}


def _with_commas(sentence: AnalysedSentence, span: list[int]) -> set[int]:
    """The span and the commas that set it off: both when it sits between two commas,
    the following one when it opens the sentence, else the one before."""
    tokens = sentence.tokens
    start, end = min(span), max(span)
    # "institution-clé", "l'IA": what is written as one word goes (or stays) as one.
    while end + 1 < len(tokens) and not tokens[end].space and tokens[end + 1].pos != "PUNCT":
        end += 1
    while start > 0 and not tokens[start - 1].space and tokens[start - 1].pos != "PUNCT":
        start -= 1
    removed = set(span) | set(range(start, end + 1))
    before = start > 0 and tokens[start - 1].text in {",", "—", "–"}
    after = end + 1 < len(tokens) and tokens[end + 1].text in {",", "—", "–"}
    last = end + 1 >= len(tokens) - 1
    if before:
        removed.add(start - 1)
    if after and (start == 0 or (before and not last)):
        removed.add(end + 1)
    return removed


def _cuts_entity(sentence: AnalysedSentence, span: list[int]) -> bool:
    """Whether removing the span would cut a named entity in two."""
    inside = set(span)
    for entity in sentence.entities:
        members = set(range(entity.start, entity.end))
        if members & inside and not members <= inside:
            return True
    return False


def _span(sentence: AnalysedSentence, head: int) -> list[int]:
    return [token.i for token in sentence.subtree(head)]


def _incidental(sentence: AnalysedSentence) -> set[int]:
    """Tokens removable without changing a claim (first pass)."""
    tokens = sentence.tokens
    removed: set[int] = set()
    depth, opened = 0, -1
    for token in tokens:  # parentheses
        if token.text == "(":
            depth, opened = depth + 1, token.i
        elif token.text == ")" and depth:
            depth -= 1
            if not depth:
                removed |= set(range(opened, token.i + 1))
    if tokens and tokens[0].pos == "CCONJ":
        removed.add(0)  # "Mais …", "Et …" open onto a sentence the summary may not hold
        if len(tokens) > 1 and tokens[1].text == ",":
            removed.add(1)
    for token in tokens:
        span = _span(sentence, token.i)
        if token.dep == "advmod" and token.pos == "ADV":
            kept = token.lemma.casefold() in _KEPT_ADVERBS or "Polarity" in token.morph
            if not kept and len(span) <= 3 and not _in_entity(sentence, span):
                removed |= _with_commas(sentence, span)
        elif token.dep == "appos" and _comma_before(sentence, min(span)):
            # Who a person is stays: it introduces them ("Wu Zhaohui, vice-ministre …").
            if token.pos != "PROPN" and tokens[token.head].ent_type != "PER":
                removed |= _with_commas(sentence, span)
        elif token.dep in {"acl:relcl", "advcl"} and _comma_before(sentence, min(span)):
            if not _in_entity(sentence, span) and max(span) < len(tokens) - 1:
                removed |= _with_commas(sentence, span)
            elif not _in_entity(sentence, span):
                removed |= set(span) | {min(span) - 1}
        elif _participle_clause(sentence, token, span):
            removed |= _with_commas(sentence, span)
    return removed


def _participle_clause(sentence: AnalysedSentence, token: Token, span: list[int]) -> bool:
    """'organisé au Royaume-Uni' after a noun: a detail about it, not a claim."""
    participle = token.dep == "acl" and "VerbForm=Part" in token.morph
    return participle and span[0] == token.i and not _in_entity(sentence, span)


def _optional(sentence: AnalysedSentence) -> list[list[int]]:
    """Spans a claim does not depend on: circumstances of a verb ("lors du sommet"),
    participle and relative clauses after a noun, and a noun's complements other than
    "de …"/"en …" — except where the noun itself is a verb's object or argument."""
    candidates: list[list[int]] = []
    for token in sentence.tokens:
        span = _span(sentence, token.i)
        if token.head == token.i or _cuts_entity(sentence, span) or token.pos == "PUNCT":
            continue
        head = sentence.tokens[token.head]
        if any(
            t.dep in _SUBJECTS and t.lemma not in {"qui", "que"} for t in tokens_of(sentence, span)
        ):
            continue  # a clause with its own subject is a claim, not a circumstance
        if token.dep == "acl" and "VerbForm=Inf" in token.morph:
            continue  # "demandé à tous les pays d'adhérer à …": the request itself
        markers = {c.text.casefold() for c in sentence.children(token.i) if c.dep in _MARKS}
        if markers & _NEGATING_MARKERS:
            continue  # "sans …", "sauf …": dropping them reverses the claim
        if any(c.dep in {"aux:pass", "cop"} for c in sentence.children(head.i)):
            continue  # "est connu pour …", "est destiné à …": the predicate's complement
        if _splits_name(sentence, span):
            continue  # "… de la paix Aung | San Suu Kyi": a name the parse cut in two
        if token.dep in _CIRCUMSTANCES and head.pos in {"VERB", "AUX"}:
            if _argument_inside(sentence, token, head):
                continue  # "a appelé [mercredi aux échanges]": the verb's misparsed argument
            if _pronominal_argument(sentence, token, head):
                continue  # "ne s'était pas attardée [sur les origines]": what it is about
            if _misparsed_clause(sentence, token):
                continue  # "a précisé sur quels sites ces matériels [avaient été installés]"
            candidates.append(span)
        elif (
            token.dep == "nmod"
            and head.pos in {"NOUN", "PROPN"}
            and head.dep not in _CORE - {"nsubj"}
        ):
            cases = {c.text.casefold() for c in sentence.children(token.i) if c.dep == "case"}
            if _argument_like(sentence, head):
                continue  # "a appelé mercredi [aux échanges]": a misparsed argument
            if _bare_noun(sentence, token):
                continue  # "la chasse à courre", "le mariage pour tous": a kind, not a detail
            if cases and not cases & _RESTRICTING_CASES:
                candidates.append(span)
        elif token.dep in {"acl", "acl:relcl"} and head.pos in {"NOUN", "PROPN"}:
            if token.dep == "acl" and any(
                c.dep.startswith("aux") for c in sentence.children(token.i)
            ):
                continue  # "sur quels sites ces matériels [avaient été installés]": a clause
            candidates.append(span)
    return candidates


def _bare_noun(sentence: AnalysedSentence, noun: Token) -> bool:
    """Whether a noun complement has neither determiner nor number ("à courre", "pour
    tous", not "aux soirs des …"): it names a kind of the noun it qualifies, which
    dropping it would change."""
    if noun.pos not in {"NOUN", "PRON", "ADJ"}:  # "pour tous" may be tagged an adjective
        return False
    return not any(
        c.dep in {"det", "nummod"} or (c.dep == "case" and c.text.casefold() in _FUSED_ARTICLES)
        for c in sentence.children(noun.i)
    )


def _pronominal_argument(sentence: AnalysedSentence, token: Token, verb: Token) -> bool:
    """Whether a prepositional complement is the only one of a pronominal verb: "s'attarder
    sur …", "s'opposer à …" say nothing without it."""
    children = sentence.children(verb.i)
    if not any(c.dep.startswith("expl") for c in children) or _has_argument(sentence, verb):
        return False
    if not any(c.dep == "case" for c in sentence.children(token.i)):
        return False
    prepositional = [
        c for c in children if c.dep in _CIRCUMSTANCES and c.dep != "advcl" and c.pos != "VERB"
    ]
    return len(prepositional) == 1


def _misparsed_clause(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether a circumstance is part of an indirect question ("sur quels sites") or a
    clause with a finite auxiliary and no subordinator: the parse took a clause the verb
    governs for a circumstance."""
    span = sentence.subtree(token.i)
    if any(t.text.casefold() in _INTERROGATIVES for t in span):
        return True
    children = sentence.children(token.i)
    finite = any(c.dep.startswith("aux") and "VerbForm=Fin" in c.morph for c in children)
    return token.dep == "advcl" and finite and not any(c.dep == "mark" for c in children)


def _splits_name(sentence: AnalysedSentence, span: list[int]) -> bool:
    """Whether the span ends or starts inside a run of capitalised words (a name the
    parse or the entity recogniser cut in two)."""
    tokens = sentence.tokens
    start, end = min(span), max(span)

    def capital(index: int) -> bool:
        return 0 < index < len(tokens) and tokens[index].text[:1].isupper()

    return (capital(end) and capital(end + 1)) or (capital(start) and capital(start - 1))


def _has_argument(sentence: AnalysedSentence, verb: Token) -> bool:
    """Whether the verb has an object, a clause or an argument other than its subject."""
    return any(c.dep in _CORE - _SUBJECTS for c in sentence.children(verb.i))


def _argument_inside(sentence: AnalysedSentence, token: Token, verb: Token) -> bool:
    """Whether a bare circumstance ("mercredi", no preposition of its own) of an
    argument-less verb carries a prepositional noun: the parse hung the verb's argument
    on it."""
    children = sentence.children(token.i)
    if _has_argument(sentence, verb) or any(c.dep == "case" for c in children):
        return False
    return any(
        child.dep == "nmod" and any(c.dep == "case" for c in sentence.children(child.i))
        for child in children
    )


def _argument_like(sentence: AnalysedSentence, noun: Token) -> bool:
    """Whether the noun is a bare circumstance ("mercredi") of a verb without argument."""
    verb = sentence.tokens[noun.head]
    return (
        noun.dep in _CIRCUMSTANCES
        and verb.pos in {"VERB", "AUX"}
        and not _has_argument(sentence, verb)
        and not any(c.dep == "case" for c in sentence.children(noun.i))
    )


def _render(sentence: AnalysedSentence, kept: Iterable[int]) -> str:
    indexes = sorted(kept)
    pieces: list[str] = []
    for position, index in enumerate(indexes):
        token = sentence.tokens[index]
        following = indexes[position + 1] if position + 1 < len(indexes) else None
        if _stray_comma(sentence, index, indexes, following):
            continue
        glue = " " if token.space or (following is not None and following != index + 1) else ""
        pieces.append(token.text + glue)
    return tidy("".join(pieces))


def _stray_comma(
    sentence: AnalysedSentence, index: int, indexes: list[int], following: int | None
) -> bool:
    """A comma that closed a removed part before "et"/"ou": "disposée à travailler[ avec
    …], et à promouvoir" -> "disposée à travailler et à promouvoir"."""
    if sentence.tokens[index].text != "," or following is None or index - 1 in indexes:
        return False
    return index > 0 and sentence.tokens[following].pos == "CCONJ"


def tidy(text: str) -> str:
    """Spaces, stray commas, a final stop and a capital first letter."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—")
    text = re.sub(
        r"\s+([,.;:!?)])", lambda m: m.group(1) if m.group(1) in ",.)" else m.group(0), text
    )
    text = re.sub(r"([,;:])\s*(?:[,;:]\s*)+", r"\1 ", text)
    text = re.sub(r"[,;:]\s*\.$", ".", text)
    text = re.sub(r"\(\s*\)", "", text).strip()
    if not text:
        return ""
    if text[-1] not in ".!?»":
        text = text.rstrip(" .…") + "."
    return text[0].upper() + text[1:]


_FRAME = frozenset({"nsubj", "nsubj:pass", "aux", "aux:tense", "aux:pass", "mark", "cop",
                    "expl:comp", "expl:pass", "expl:subj"})  # fmt: skip


def _conjoined_verbs(sentence: AnalysedSentence) -> list[tuple[int, int]]:
    """(verb, conjoined verb) pairs where the second has no subject of its own."""
    pairs: list[tuple[int, int]] = []
    for token in sentence.tokens:
        if token.dep != "conj" or token.head == token.i:
            continue
        first = sentence.tokens[token.head]
        children = sentence.children(token.i)
        if not (_predicate(sentence, token) and _predicate(sentence, first)):
            continue
        if any(c.dep in {"nsubj", "nsubj:pass"} for c in children):
            continue
        if not any(c.dep == "cc" for c in children):
            continue  # "…, a affirmé la délégation": reported speech, not a second claim
        if _finite(sentence, token) and not _finite(sentence, first):
            # "a exprimé sa volonté de travailler …, et s'est déclarée prête": the parse
            # joined the finite verb to the infinitive; it continues the finite one above.
            first = _finite_above(sentence, first) or first
        if _finite(sentence, first) != _finite(sentence, token):
            continue  # a participle joined to an infinitive: a misparse
        if any(c.dep == "obj" and c.i > token.i and c.pos == "NOUN" for c in children) or any(
            c.dep in _CORE for c in children
        ):
            pairs.append((first.i, token.i))
    return pairs


def _finite_above(sentence: AnalysedSentence, token: Token) -> Token | None:
    """The nearest finite verb that ``token`` depends on."""
    while token.head != token.i:
        token = sentence.tokens[token.head]
        if token.pos in {"VERB", "AUX"} and _finite(sentence, token):
            return token
    return None


def _predicate(sentence: AnalysedSentence, token: Token) -> bool:
    """A verb, or a noun or adjective with its copula ("est une tâche")."""
    if token.pos in {"VERB", "AUX"}:
        return True
    return any(c.dep == "cop" for c in sentence.children(token.i))


def _finite(sentence: AnalysedSentence, verb: Token) -> bool:
    children = sentence.children(verb.i)
    return "VerbForm=Fin" in verb.morph or any(c.dep.startswith("aux") for c in children)


def _pieces(sentence: AnalysedSentence, optional: list[list[int]]) -> list[tuple[set[int], bool]]:
    """The sentence as one clause per conjoined verb, each keeping the frame of the first
    verb (its subject, auxiliaries, the clause it depends on): "A a fait X et a indiqué
    Y" -> "A a fait X", "A a indiqué Y"."""
    everything = {t.i for t in sentence.tokens}
    hidden = {i for span in optional for i in span}
    pairs = [(v, c) for v, c in _conjoined_verbs(sentence) if v not in hidden and c not in hidden]
    if not pairs:
        return [(everything, False)]
    conjuncts = {conj for _, conj in pairs}
    first_pieces = set(everything)
    for _, conj in pairs:
        first_pieces -= set(_span(sentence, conj))
        first_pieces -= _joint(sentence, conj)
    pieces = [(first_pieces, False)]
    for verb, conj in pairs:
        frame = set(everything) - set(_span(sentence, verb))
        own_deps = {c.dep for c in sentence.children(conj)}
        # The first verb's auxiliaries serve the second only when it has none of its own:
        # "a été arrêté et placé en garde à vue" shares "a été"; "a été interpellé et a
        # reconnu les faits" does not lend "été" to "a reconnu".
        auxiliaries = {d for d in own_deps if d.startswith("aux") or d == "cop"}
        for child in sentence.children(verb):
            if child.dep not in _FRAME or child.dep in own_deps:
                continue
            if auxiliaries and (child.dep.startswith("aux") or child.dep == "cop"):
                continue
            frame |= set(_span(sentence, child.i))
        own = set(_span(sentence, conj)) - _joint(sentence, conj)
        for other in conjuncts - {conj}:
            frame -= set(_span(sentence, other))
        pieces.append((frame | own, True))
    return pieces


def _joint(sentence: AnalysedSentence, conj: int) -> set[int]:
    """The "et" and the comma that join a conjunct to the one before."""
    joint = {c.i for c in sentence.children(conj) if c.dep == "cc"}
    start = min(_span(sentence, conj))
    if start > 0 and sentence.tokens[start - 1].text == ",":
        joint.add(start - 1)
    return joint


#: Verbs that say nothing without the infinitive they govern.
_MODALS = frozenset({"devoir", "pouvoir", "vouloir", "falloir", "aller", "sembler", "paraître"})


def _bare_modal(sentence: AnalysedSentence, kept: set[int]) -> bool:
    """Whether a kept modal verb lost every infinitive it governs."""
    for index in kept:
        token = sentence.tokens[index]
        if token.lemma in _MODALS and token.pos in {"VERB", "AUX"}:
            governed = [t for t in sentence.tokens if t.head == index and "VerbForm=Inf" in t.morph]
            if not any(t.i in kept for t in governed):
                return True
    return False


def _head_of(sentence: AnalysedSentence, span: list[int]) -> int:
    """The token the span depends on (outside it)."""
    inside = set(span)
    root = next(i for i in span if sentence.tokens[i].head not in inside)
    return sentence.tokens[root].head


def _informative(sentence: AnalysedSentence, span: list[int]) -> bool:
    return any(sentence.tokens[i].ent_type or sentence.tokens[i].pos == "NUM" for i in span)


def compress(sentence: AnalysedSentence, *, target: int = TARGET_WORDS) -> list[Compressed]:
    """The sentence as one or more shorter sentences that say the same thing.

    Each clause starts from its core (incidental and optional parts removed); optional
    parts come back, in the sentence's order, while the clause stays within ``target``
    words.
    """
    if _DATELINE.match(sentence.text) and word_count(_DATELINE.sub("", sentence.text)) < 3:
        return []
    if _QUOTE.search(sentence.text) or sentence.text.rstrip().endswith(("?", "!")):
        return []  # quotations and questions: hard to follow out of context
    removed = _incidental(sentence) | _dateline_tokens(sentence)
    optional = sorted(_optional(sentence), key=lambda span: min(span))
    results: list[Compressed] = []
    for clause, (indexes, split) in enumerate(_pieces(sentence, optional)):
        kept = indexes - removed
        for span in optional:
            kept -= _with_commas(sentence, span)
        if word_count(_render(sentence, kept)) > target * 2 + 2:
            continue  # even its core is long: not a plain sentence
        # Names, places, dates and figures come back first: they say who, where, when.
        for span in sorted(optional, key=lambda span: (not _informative(sentence, span), span[0])):
            if not set(span) <= indexes - removed:
                continue
            if _head_of(sentence, span) not in kept:
                continue  # "entre pays" without the noun it qualifies
            trial = kept | (set(span) & indexes)
            if _bare_modal(sentence, trial):
                continue  # "qui devrait" without what it should do
            if word_count(_render(sentence, trial)) <= target:
                kept = trial
        rendered = _render(sentence, kept)
        subject = any(sentence.tokens[i].dep in _SUBJECTS for i in kept)
        if subject and word_count(rendered) >= 4 and rendered not in {r.text for r in results}:
            results.append(
                Compressed(text=rendered, source=sentence.index, split=split, clause=clause)
            )
    return results


#: Direct speech: a sentence opening on a quotation, or one whose quotation is followed by
#: a verb of saying ("…", a déclaré X; "…", affirme X).
_DIRECT_SPEECH = re.compile(
    r"^\s*[«\"“]|[»\"”]\s*,?\s*(?:a|ont|avait|affirme|explique|déclare|estime|assure|"
    r"confie|raconte|indique|souligne|ajoute|précise|lance)\b"
)
#: A whole sentence longer than this is no candidate (the essentiel holds 40 words).
WHOLE_WORDS = 40


def uncompressed(sentence: AnalysedSentence) -> list[Compressed]:
    """The sentence as it stands, when it can be said out of the article: neither a
    question, nor direct speech, nor a dateline, nor longer than WHOLE_WORDS words."""
    text = sentence.text.strip()
    size = word_count(text)
    if text.endswith(("?", "!")) or _DIRECT_SPEECH.search(text) or _DATELINE.match(text):
        return []
    if not 4 <= size <= WHOLE_WORDS:
        return []
    return [Compressed(text=text, source=sentence.index)]


def _dateline_tokens(sentence: AnalysedSentence) -> set[int]:
    match = _DATELINE.match(sentence.text)
    if not match:
        return set()
    return {t.i for t in sentence.tokens if t.idx < match.end()}


def tokens_of(sentence: AnalysedSentence, indexes: Iterable[int]) -> list[Token]:
    return [sentence.tokens[i] for i in sorted(indexes)]
