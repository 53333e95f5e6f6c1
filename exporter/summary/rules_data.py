"""Word lists of the summary's rewriting rules: what may be dropped or cut, and what a
sentence may not open or end with. General French word knowledge is in
:mod:`exporter.text.fr_words`.
"""

from __future__ import annotations

from exporter.text.words import word_set

#: Adverbial phrases set off by commas that can be dropped without losing the idea.
INCIDENTAL_OPENERS = (
    "notamment",
    "par exemple",
    "en outre",
    "ensuite",
    "également",
    "d'ailleurs",
    "d’ailleurs",
    "toutefois",
    "cependant",
    "en effet",
    "de plus",
    "par ailleurs",
    "quant à lui",
    "quant à elle",
    "pour sa part",
    "de son côté",
    "de leur côté",
    "selon lui",
    "selon elle",
    "tout en",
    "lui aussi",
    "elle aussi",
    "entre autres",
    "en conséquence",
    "au passage",
    "rappelons-le",
    "semble-t-il",
    "a priori",
)

#: Linking adverbs that point at a sentence the summary may not keep ("a ensuite
#: participé", "En outre, …"): removing them loses nothing the reader can follow.
CONNECTIVES = (
    "ensuite",
    "également",
    "en outre",
    "par ailleurs",
    "d'ailleurs",
    "d’ailleurs",
    "de plus",
    "en effet",
    "toutefois",
    "cependant",
    "néanmoins",
    "pourtant",
    "donc",
    "en conséquence",
    "de son côté",
    "de leur côté",
    "pour sa part",
    "pour leur part",
    "quant à lui",
    "quant à elle",
    "notamment",
    "enfin",
    "finalement",
    "désormais",
    "actuellement",
    "activement",
    "conjointement",
    "initialement",
    "immédiatement",
    "ainsi",
    "par exemple",
    "considérablement",
    "potentiellement",
)

#: Words that open an adverbial phrase at the head of a sentence ("Après la guerre, …").
ADVERBIAL_OPENERS = word_set(
    """
    à au aux après avant pendant dans depuis lors en dès suite face outre hier aujourd'hui
    demain lundi mardi mercredi jeudi vendredi samedi dimanche sur sous par pour malgré
    grâce parmi avec entre contre vers jusqu' jusqu’ jusqu'à tout toujours alors selon fin
    début mi plus puis enfin désormais comme ici là déjà
    """
)

#: Past participles of verbs that report speech: "…, a affirmé la délégation." -> "Selon …".
SPEECH_PARTICIPLES = word_set(
    """
    affirmé ajouté annoncé assuré confié déclaré dit estimé expliqué indiqué jugé noté
    précisé rappelé souligné regretté averti insisté martelé commenté prévenu conclu écrit
    """
)

#: Words that open a complement a summary may cut off the end of a long sentence.
CUT_WORDS = word_set(
    """
    à au aux sur dans pour avec lors depuis pendant après avant entre par en contre selon
    vers chez malgré grâce sans afin parmi dès et ou mais comme ainsi puis car qui dont où
    alors tandis parce puisque quand lorsque lorsqu si «
    """
)

#: Words a complete sentence cannot end with: a sentence ending on one was cut mid-thought.
DANGLING_ENDINGS = word_set(
    """
    à au aux de des du d le la les l un une et ou mais ni car que qu qui dont où sur sous
    dans pour par avec en entre vers chez sans son sa ses leur leurs ce cet cette ces lors a
    ont est sont se s ne n très plus moins y
    """
)

#: Impersonal uses of "il" that refer to nothing: "il y a", "il faut", "il s'agit".
IMPERSONAL_AFTER_IL = (
    "y ",
    "faut",
    "fallait",
    "faudra",
    "faudrait",
    "reste ",
    "sembl",
    "paraît",
    "para",
    "pleut",
    "neige",
)

#: Pronoun-like openings that cannot be resolved by rules: such a sentence is not used.
UNRESOLVABLE_OPENINGS = word_set(
    """
    cela ceci ça celui celle ceux celles celui-ci celle-ci ceux-ci celles-ci lui leur leurs
    son sa ses y en mais
    """
)
