"""French words: lemmas, frequencies, stop words and participles, in one place.

Lemmas come from simplemma, frequencies from wordfreq (Zipf scale: 7 for "de", 1 for a
word met once in a billion); both are cached, as the same words come back in every article.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma
from wordfreq import zipf_frequency


def word_set(text: str) -> frozenset[str]:
    """A table written as a block of words separated by spaces."""
    return frozenset(text.split())


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
#: Past participle endings ("organisé", "choisies", "venus").
_PAST_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues")
#: A form shaped like a participle, present or past, of a first-group verb.
PARTICIPLE_SHAPE = re.compile(r"\w{3,}(?:ant|ants|é|ée|és|ées)$")
_VERB_ENDINGS = ("er", "ir", "re", "oir")


def lemma(word: str) -> str:
    """The dictionary form, lower-cased: "progressent" -> "progresser"."""
    return _lemma(word.casefold())


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    return str(simplemma.lemmatize(word, lang="fr")).casefold()


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a French word is, on the Zipf scale (0 when wordfreq does not know it)."""
    return float(zipf_frequency(word, "fr"))


def rarity(word: str) -> float:
    """How informative a word is, from 1 (common) to 7 (rare words and names)."""
    return min(7.0, max(1.0, 7.5 - zipf(word)))


def has_words(text: str) -> bool:
    """Whether there is anything to say: a letter or a digit."""
    return any(char.isalnum() for char in text)


def is_past_participle(word: str) -> bool:
    """A past participle of a verb the lemmatiser knows: "organisés", "choisie", "venu"."""
    base = lemma(word)
    return word.endswith(_PAST_PARTICIPLE_ENDINGS) and base != word and base.endswith(_VERB_ENDINGS)


def is_participle(word: str) -> bool:
    """A past or present participle: "organisé", "luttant", "survenu", "construit"."""
    if PARTICIPLE_SHAPE.match(word):
        return True
    if not word.endswith(("u", "ue", "us", "ues", "is", "ise", "it", "ite")) or len(word) < 5:
        return False
    base = lemma(word)
    return base != word and base.endswith(("ir", "re", "oir"))
