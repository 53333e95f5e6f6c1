"""French word lists used by the summary's simplification rules."""

from __future__ import annotations

#: Conjugated forms of frequent verbs (3rd person, main tenses): a sentence holding one
#: of them has a finite verb. Other verbs are recognised through their lemma.
FINITE_VERBS = frozenset(
    """
    est sont était étaient sera seront serait seraient fut furent soit soient
    a ont avait avaient aura auront aurait auraient eut eurent ait aient
    va vont allait allaient ira iront irait iraient alla allèrent
    fait font faisait faisaient fera feront ferait feraient fit firent
    peut peuvent pouvait pouvaient pourra pourront pourrait pourraient put purent
    doit doivent devait devaient devra devront devrait devraient dut durent
    veut veulent voulait voulaient voudra voudront voudrait voudraient
    vient viennent venait venaient viendra viendront viendrait vint vinrent
    dit disent disait disaient dira diront dirait
    prend prennent prenait prenaient prendra prendront prendrait prit prirent
    met mettent mettait mettaient mettra mettront mettrait mit mirent
    voit voient voyait voyaient verra verront
    sait savent savait savaient saura sauront
    tient tiennent tenait tenaient tiendra tiendront
    reste restent compte comptent semble semblent demeure
    y-a-t-il a-t-il a-t-elle est-il est-elle
    """.split()
)

#: Endings of finite verb forms, checked only when the lemma is a verb infinitive.
FINITE_ENDINGS = (
    "e", "es", "ent", "ait", "aient", "a", "ont", "era", "eront", "erait", "eraient",
    "it", "ut", "èrent", "irent", "urent", "t", "ra", "ront", "rait", "raient",
)
INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")

#: Words that cannot be finite verbs even though their lemma looks like an infinitive.
NOT_VERBS = frozenset(
    """
    de le la les des du un une et ou en à au aux ce cette ces se sa son ses leur leurs
    qui que quoi dont où entre contre notre votre être avoir faire dire plus tout toute
    toutes tous très peu elle il ils elles on nous vous ne pas
    """.split()
)

#: Sentence openings that refer back to something said before.
ANAPHORIC_OPENINGS = frozenset(
    """
    il elle ils elles cela ceci ça ce cet cette ces celui celle ceux celles on lui leur
    y en son sa ses leur leurs dernier dernière derniers dernières
    """.split()
)

#: Adverbial phrases set off by commas that can be dropped without losing the idea.
INCIDENTAL_OPENERS = (
    "notamment", "par exemple", "en outre", "ensuite", "également", "d'ailleurs",
    "d’ailleurs", "toutefois", "cependant", "en effet", "de plus", "par ailleurs",
    "quant à lui", "quant à elle", "pour sa part", "de son côté", "de leur côté",
    "selon lui", "selon elle", "tout en", "lui aussi", "elle aussi", "entre autres",
    "en conséquence", "au passage", "rappelons-le", "semble-t-il", "a priori",
)

#: Relative pronouns that open a (non-restrictive, when after a comma) clause.
RELATIVE_PRONOUNS = ("qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles")

#: Function words left out of the centrality score.
STOPWORDS = frozenset(
    """
    alors aussi autre autres avec avoir cela celle celles celui ceux cette comme dans
    depuis donc elle elles encore entre être faire leur leurs lors mais même moins notre
    nous parce pour plus quand quel quelle quelles quels sans selon sera sont sous tous
    tout toute toutes très vers avait avaient était étaient aussi après avant ainsi
    """.split()
)
