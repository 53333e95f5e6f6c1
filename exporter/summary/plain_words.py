"""Plain words: a rare verb replaced by a frequent synonym whose sense fits.

Synonyms come from the French Wiktionary (:mod:`exporter.text.dictionary`): a sense that
opens on one word ("Exhorter : Exciter, encourager par ses paroles.") names a synonym in
its first words. A synonym replaces the verb only when

- the verb is rare (Zipf frequency below RARE) and the synonym frequent (FREQUENT or more,
  and FREQUENCY_GAIN above the verb);
- its sense fits: the cosine of their word vectors is SIMILAR or more (the model's
  vectors), which keeps "encourager" for "exhorter" and drops "exciter";
- both are first-group verbs ("-er"), so that every form is the synonym's stem with the
  verb's ending ("a exhorté" -> "a encouragé", "exhortent" -> "encouragent");
- it is no longer by more than one syllable.

Names, nouns and adjectives are left as they are (a noun's gender would change its
determiner and adjectives). The independent checker knows synonyms through its own reading
of the dictionary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from exporter.summary.readability import syllable_count
from exporter.text.analysis import AnalysedSentence, cosine, word_vector
from exporter.text.dictionary import senses
from exporter.text.words import zipf

#: Zipf frequencies: a verb below RARE is replaced by a synonym at FREQUENT or above.
RARE = 3.5
FREQUENT = 4.0
FREQUENCY_GAIN = 0.5
#: Least cosine between the verb's and the synonym's vectors.
SIMILAR = 0.7
_SOFT = {"g": "e", "c": "ç"}


def _leading_words(sense: str) -> list[str]:
    """The synonyms a sense opens on: its one-word items, and the first word of an item
    that continues them ("Exciter, encourager par ses paroles." -> exciter, encourager;
    "Aller en augmentant." -> none)."""
    words: list[str] = []
    head = re.split(r"[.(:]", sense, maxsplit=1)[0]
    for piece in re.split(r"[,;]", head):
        first = piece.split()
        if not first or not first[0].isalpha():
            break
        if len(first) == 1 or words:
            words.append(first[0].casefold())
        if len(first) > 1:
            break  # "encourager par ses paroles": the definition goes on
    return words


@lru_cache(maxsize=4096)
def synonym(verb: str) -> str | None:
    """The frequent first-group synonym of a rare first-group verb, or None."""
    if not verb.endswith("er") or zipf(verb) >= RARE:
        return None
    own = word_vector(verb)
    if own is None:
        return None
    best: tuple[float, str] | None = None
    for sense in senses(verb):
        for word in _leading_words(sense):
            if word == verb or not word.endswith("er"):
                continue
            frequency = zipf(word)
            if frequency < max(FREQUENT, zipf(verb) + FREQUENCY_GAIN):
                continue
            if syllable_count(word) > syllable_count(verb) + 1:
                continue
            vector = word_vector(word)
            similarity = cosine(own, vector) if vector is not None else 0.0
            if similarity >= SIMILAR and (best is None or similarity > best[0]):
                best = (similarity, word)
    return best[1] if best else None


def _inflect(form: str, verb: str, replacement: str) -> str | None:
    """The replacement in the form's inflection: same ending after the stem."""
    stem, new_stem = verb[:-2], replacement[:-2]
    lowered = form.casefold()
    if not lowered.startswith(stem):
        return None
    ending = lowered[len(stem) :]
    last = new_stem[-1:]
    if last in _SOFT and ending[:1] in {"a", "o"}:
        new_stem = new_stem + "e" if last == "g" else new_stem[:-1] + "ç"
    result = new_stem + ending
    return result[:1].upper() + result[1:] if form[:1].isupper() else result


def plain_words(text: str, sentence: AnalysedSentence) -> str:
    """``text`` (a rewriting of ``sentence``) with its rare verbs replaced by frequent
    synonyms; names and everything else kept."""
    result = text
    for token in sentence.tokens:
        if token.pos != "VERB" or token.ent_type:
            continue
        replacement = synonym(token.lemma.casefold())
        if replacement is None:
            continue
        inflected = _inflect(token.text, token.lemma.casefold(), replacement)
        if inflected is None:
            continue
        result = re.sub(rf"(?<![\w'’-]){re.escape(token.text)}(?![\w'’-])", inflected, result)
    return result
