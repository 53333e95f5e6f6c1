"""Word lists for cutting long summary sentences (:mod:`exporter.summary.splitting`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class Connector:
    """What a clause's connector becomes when the clause is a sentence of its own."""

    #: The words that open the new sentence ("" for none).
    opener: str
    #: Whether the clause may come before the rest ("Alors que A, B" -> "A. B."): a cause
    #: may not ("Parce que A, B" is not "A. Car B.").
    may_precede: bool


#: Coordinating conjunctions (the "cc" of a conjoined clause) after which the clause can
#: stand alone. Not "ou" (either, not both), "ni", "soit", "or", "donc" (a conclusion).
COORDINATORS: dict[str, Connector] = {
    "et": Connector(opener="", may_precede=False),
    "mais": Connector(opener="Mais", may_precede=False),
    "puis": Connector(opener="Puis", may_precede=False),
    "car": Connector(opener="Car", may_precede=False),
}

#: Punctuation that joins two clauses with their own subjects ("La situation pourrait
#: empirer : on s'attend à …").
PUNCTUATION_JOINTS: dict[str, Connector] = {
    ":": Connector(opener="", may_precede=False),
    ";": Connector(opener="", may_precede=False),
}

#: Subordinators of an adverbial clause that says a fact of its own (indicative mood), and
#: what opens it as a sentence. Not "si" (a condition is no fact), "bien que", "pour que",
#: "avant que" (subjunctive), nor "quand"/"lorsque"/"même si" (their link carries the claim).
SUBORDINATORS: dict[str, Connector] = {
    "alors que": Connector(opener="", may_precede=True),
    "tandis que": Connector(opener="", may_precede=True),
    "parce que": Connector(opener="Car", may_precede=False),
    "puisque": Connector(opener="Car", may_precede=False),
}

#: Relative pronouns whose clause can be said again with its antecedent as the subject.
SUBJECT_RELATIVES = frozenset({"qui"})

#: Subject pronouns a conjoined clause may open on, said as the first clause's subject.
SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})

#: Third-person pronouns that need a noun said before them.
PERSONAL_PRONOUNS = frozenset(
    {"il", "elle", "ils", "elles", "le", "la", "l'", "l’", "les", "lui", "leur", "eux"}
)

#: Fused preposition + article: the noun after them cannot be repeated alone ("du Sénat").
FUSED_ARTICLES = frozenset({"du", "des", "au", "aux"})
