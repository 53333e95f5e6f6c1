"""French word tables: function words, verb forms, clitics, determiners, pronouns.

Used wherever a rule needs to know French words without a tagger: section boundaries and
titles (stop words), plain-language rewriting and its grammar checks (the rest). The
functions that read words (lemma, frequency, participles) are in :mod:`exporter.text.words`.
"""

from __future__ import annotations

from exporter.text.words import word_set

#: Grammatical words: left out of lexical cohesion, and never a title's head.
STOP_WORDS = word_set(
    """
    a à afin ai aie aient aies ainsi ait alors as au aucun aucune auquel aussi autant autre
    autres aux auxquelles auxquels avaient avais avait avant avec avez aviez avions avoir
    avons ayant bien c ça car ce ceci cela celle celles celui cependant certain certaine
    certaines certains ces cet cette ceux chacun chacune chaque chez ci comme comment contre
    d dans de depuis des desquelles desquels dès donc dont du duquel durant elle elles en
    encore ensuite entre es est et étaient étais était étant été êtes étiez étions être eu
    eue eues eurent eus eut eux fait faire fais faisait font fut furent hors ici il ils j
    jamais je jusqu jusque l la laquelle le lequel les lesquelles lesquels leur leurs lors
    lorsque lui m ma mais me même mêmes mes moi moins mon n ne ni non nos notre nous on ont
    ou où par parce parmi pas pendant peu peut peuvent plus plusieurs pour pourquoi pourrait
    pourraient pouvait pouvoir près puis puisque qu quand que quel quelle quelles quels qui
    quoi sa sans se selon sera seraient serait seront ses si sien sienne sinon soi soit
    son sont sous soyez sur t ta tandis tant te tel telle telles tels tes toi ton tous tout
    toute toutes très trop tu un une unes uns vers via voici voilà vos votre vous y
    doit doivent devait devaient devrait devraient devoir dit dire dits dite dites
    sera serait avaient aura auront aurait auraient vont va vais allait allaient été
    déjà également notamment toujours aujourd'hui hier demain afin lequel cas
    selon alors aussi enfin là mme mr outre
    """
)

#: The summary's shorter list, for its centrality score and the glossary's sense matching:
#: function words of four letters or more. Unlike STOP_WORDS it keeps verbs ("fait",
#: "doit") and adverbs ("déjà", "toujours"), which help tell sentences apart.
SUMMARY_STOP_WORDS = word_set(
    """
    ainsi alors après aussi autre autres avaient avait avant avec avoir cela celle celles
    celui cette ceux comme dans depuis donc elle elles encore entre faire leur leurs lors
    mais moins même notre nous parce plus pour quand quel quelle quelles quels sans selon
    sera sont sous tous tout toute toutes très vers étaient était être
    """
)

#: Conjugated forms of frequent verbs (3rd person, main tenses): a sentence holding one
#: of them has a finite verb. Other verbs are recognised through their lemma.
FINITE_VERBS = word_set(
    """
    est sont était étaient sera seront serait seraient fut furent soit soient a ont avait
    avaient aura auront aurait auraient eut eurent ait aient va vont allait allaient ira
    iront irait iraient alla allèrent fait font faisait faisaient fera feront ferait
    feraient fit firent peut peuvent pouvait pouvaient pourra pourront pourrait pourraient
    put purent doit doivent devait devaient devra devront devrait devraient dut durent veut
    veulent voulait voulaient voudra voudront voudrait voudraient vient viennent venait
    venaient viendra viendront viendrait vint vinrent dit disent disait disaient dira diront
    dirait prend prennent prenait prenaient prendra prendront prendrait prit prirent met
    mettent mettait mettaient mettra mettront mettrait mit mirent voit voient voyait
    voyaient verra verront sait savent savait savaient saura sauront tient tiennent tenait
    tenaient tiendra tiendront reste restent compte comptent semble semblent demeure
    y-a-t-il a-t-il a-t-elle est-il est-elle
    """
)

#: Endings of finite verb forms, checked only when the lemma is a verb infinitive.
FINITE_ENDINGS = (
    "e",
    "es",
    "ent",
    "ait",
    "aient",
    "a",
    "ont",
    "era",
    "eront",
    "erait",
    "eraient",
    "it",
    "ut",
    "èrent",
    "irent",
    "urent",
    "t",
    "ra",
    "ront",
    "rait",
    "raient",
)

INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")

#: Words that cannot be finite verbs even though their lemma looks like an infinitive.
NOT_VERBS = word_set(
    """
    de le la les des du un une et ou en à au aux ce cette ces se sa son ses leur leurs qui
    que quoi dont où entre contre notre votre être avoir faire dire plus tout toute toutes
    tous très peu elle il ils elles on nous vous ne pas
    """
)

#: Relative pronouns that open a (non-restrictive, when after a comma) clause.
RELATIVE_PRONOUNS = ("qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles")

#: Conjunctions opening a subordinate clause: a sentence starting with one is not whole.
SUBORDINATORS = word_set(
    """
    comme car parce puisque lorsque lorsqu quand si bien alors tandis afin pour mais et ou
    donc que qu quoiqu quoique jamais
    """
)

#: Subject pronouns whose referent must be in the summary: (gender, number) each accepts.
SUBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    "il": frozenset({"m-sg", "?-sg"}),
    "elle": frozenset({"f-sg", "?-sg"}),
    "ils": frozenset({"m-pl", "?-pl"}),
    "elles": frozenset({"f-pl", "?-pl"}),
}

#: Words after which a word that is also a noun ("marche", "nuit") is a verb.
VERB_CLITICS = word_set(
    """
    il elle ils elles on qui ne n' n’ se s' s’ y en lui leur nous vous je j' tu me m' te t'
    cela ça
    """
)

#: Object pronouns before a verb ("l'investira", "les réutiliser"): their referent is
#: in another sentence, so a summary sentence must not hold one.
OBJECT_CLITICS = word_set(
    """
    le la les lui leur l' l’
    """
)

#: Determiners and what they tell of the noun phrase they open.
DETERMINER_FEATURES: dict[str, str] = {
    "la": "f-sg",
    "une": "f-sg",
    "cette": "f-sg",
    "sa": "f-sg",
    "le": "m-sg",
    "un": "m-sg",
    "ce": "m-sg",
    "cet": "m-sg",
    "son": "m-sg",
    "l'": "?-sg",
    "l’": "?-sg",
    "les": "?-pl",
    "des": "?-pl",
    "ces": "?-pl",
    "ses": "?-pl",
    "leurs": "?-pl",
    "plusieurs": "?-pl",
}

#: A demonstrative determiner opening a summary sentence becomes the definite article:
#: "Ces journées …" reads without the sentence it pointed back to.
DEMONSTRATIVE_TO_DEFINITE: dict[str, str] = {"ces": "les", "cette": "la", "cet": "l'", "ce": "le"}

#: Words after which a verb-looking word is a noun: "les échanges", "deux militaires".
NOUN_MARKERS = word_set(
    """
    le la les un une des du au aux ce cet cette ces son sa ses leur leurs mon ma mes notre
    nos votre vos deux trois quatre cinq six sept huit neuf dix cent mille chaque quelques
    plusieurs certains certaines divers diverses nombreux nombreuses de d' d’ autres
    d'autres d’autres
    """
)

#: Verb forms that cannot end a sentence: they announce an infinitive or a participle.
AUXILIARY_ENDINGS = word_set(
    """
    devrait devraient doit doivent peut peuvent pourrait pourraient va vont veut veulent été
    avoir être faut vient viennent deux trois quatre cinq six sept huit neuf dix égal égale
    prendre faire mettre donner rendre
    """
)

#: Nouns of time: "Cette année, …" stays as written (a date, not a pointer to a sentence).
TIME_NOUNS = word_set(
    """
    année semaine fois mois jour soir matin nuit saison époque fin heure heures veille été
    hiver automne printemps
    """
)

#: Number words: a noun phrase they open is plural ("Deux militaires").
NUMBER_WORDS = word_set(
    """
    deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente cent mille
    plusieurs quelques
    """
)
