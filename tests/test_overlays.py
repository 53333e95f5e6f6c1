"""Media Overlays: the EPUB reads itself, sentence by sentence, in time with the text."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from exporter.audio.ffmpeg import decode_pcm
from exporter.check.validators import ace_status, epubcheck_status, run_ace, run_epubcheck_many
from exporter.exporters.epub.overlays import Cue, Overlay, add_overlays, cut_pages
from exporter.exporters.epub.package import write_book
from exporter.exporters.epub.plan import plan_book
from exporter.model import Document, Paragraph, Section, Sentence
from exporter.narration.model import Clip, Narration
from exporter.narration.narrator import Narrator
from exporter.options import BuildOptions
from exporter.parsers import parse_file
from exporter.pipeline import build
from exporter.summary.summarize import summarize
from tests.conftest import SEED, FakeEngine
from tests.corpus import CorpusMissing, missing, wikinews_html, wikinews_texts
from tests.epub_helpers import OPF, XHTML, EpubContents, build_epub, read_epub, require
from tests.test_epub import hostile_document

SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
#: The issue's promise: every clip within 50 ms of where its sound starts and ends.
TOLERANCE_MS = 50
#: Where sound starts, for the narrator too (it trims the engine's silence at -45 dBFS).
SOUND_DBFS = -45.0
FRAME_MS = 5


def fake_narrate(document: Document) -> Narration:
    return Narrator(FakeEngine()).narrate(document)


#: Why corpus articles are left out of the narrated books (empty when the corpus is there).
CORPUS_MISSING: list[str] = []


def corpus_documents() -> dict[str, Document]:
    documents = {"seed": parse_file(SEED)}
    try:
        paths = [wikinews_html()[0], wikinews_texts()[0]]
    except CorpusMissing as error:
        CORPUS_MISSING.append(str(error))
        paths = []
    for path in paths:
        documents[f"{path.parent.name}/{path.name}"] = parse_file(path)
    documents["hostile-model"] = hostile_document()
    return documents


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path]]:
    out = tmp_path_factory.mktemp("narrated")
    return {
        name: (document, build_epub(document, out, re.sub(r"\W", "-", name), narrate=fake_narrate))
        for name, document in corpus_documents().items()
    }


@dataclass(frozen=True)
class Par:
    page: str
    element_id: str
    audio: str
    begin_ms: int
    end_ms: int


def clock_ms(value: str) -> int:
    """'0:01:02.345' or '62.345s' -> 62345."""
    if value.endswith("s"):
        return round(float(value[:-1]) * 1000)
    *rest, seconds = value.split(":")
    total = float(seconds)
    for number, unit in zip(reversed(rest), (60, 3600), strict=False):
        total += int(number) * unit
    return round(total * 1000)


def overlays(contents: EpubContents, path: Path) -> dict[str, list[Par]]:
    """Per narrated XHTML file (href), the ``<par>`` of its SMIL document, in order."""
    manifest = {item.get("id"): item for item in contents.package.iter(f"{OPF}item")}
    result: dict[str, list[Par]] = {}
    with zipfile.ZipFile(path) as archive:
        for item in manifest.values():
            smil_id = item.get("media-overlay")
            if not smil_id:
                continue
            smil = etree.fromstring(archive.read("EPUB/" + manifest[smil_id].get("href")))
            pars = []
            for par in smil.iter(f"{SMIL}par"):
                page, _, element_id = par.find(f"{SMIL}text").get("src").partition("#")
                audio = par.find(f"{SMIL}audio")
                pars.append(
                    Par(
                        page=page,
                        element_id=element_id,
                        audio=audio.get("src"),
                        begin_ms=clock_ms(audio.get("clipBegin")),
                        end_ms=clock_ms(audio.get("clipEnd")),
                    )
                )
            assert {par.page for par in pars} == {item.get("href")}
            result[item.get("href")] = pars
    return result


def decoded_audio(path: Path, member: str, tmp_path: Path) -> tuple[bytes, int]:
    target = tmp_path / member.replace("/", "_")
    with zipfile.ZipFile(path) as archive:
        target.write_bytes(archive.read("EPUB/" + member))
    pcm = decode_pcm(target, sample_rate=16_000)
    return pcm, 16_000


def loud_frames(pcm: bytes, sample_rate: int) -> list[bool]:
    """Per 5 ms frame: is there sound (RMS above -45 dBFS)?"""
    size = sample_rate * FRAME_MS // 1000
    samples = struct.unpack(f"<{len(pcm) // 2}h", pcm[: len(pcm) // 2 * 2])
    frames = []
    for start in range(0, len(samples) - size + 1, size):
        chunk = samples[start : start + size]
        rms = math.sqrt(sum(value * value for value in chunk) / size)
        frames.append(rms > 0 and 20 * math.log10(rms / 32768) > SOUND_DBFS)
    return frames


def timing_errors(pars: list[Par], frames: list[bool]) -> Iterator[tuple[str, int, int]]:
    """(element id, start error, end error) in ms, measured on the decoded sound."""

    def sound_between(begin_ms: int, end_ms: int) -> list[int]:
        first, last = max(0, begin_ms // FRAME_MS), min(len(frames), end_ms // FRAME_MS)
        return [index for index in range(first, last) if frames[index]]

    for index, par in enumerate(pars):
        # Look for this clip's sound up to halfway into the gaps around it.
        before = pars[index - 1].end_ms if index else 0
        after = pars[index + 1].begin_ms if index + 1 < len(pars) else len(frames) * FRAME_MS
        loud = sound_between((before + par.begin_ms) // 2, (par.end_ms + after) // 2)
        assert loud, f"no sound at all for {par.element_id}"
        start = loud[0] * FRAME_MS
        end = (loud[-1] + 1) * FRAME_MS
        yield par.element_id, start - par.begin_ms, end - par.end_ms


def assert_timings_match_sound(path: Path, tmp_path: Path) -> int:
    """Check every narrated page of ``path``; returns the worst error in ms."""
    contents = read_epub(path)
    worst = 0
    for pars in overlays(contents, path).values():
        (audio,) = {par.audio for par in pars}
        frames = loud_frames(*decoded_audio(path, audio, tmp_path))
        for element_id, start_error, end_error in timing_errors(pars, frames):
            assert abs(start_error) <= TOLERANCE_MS, (audio, element_id, start_error)
            assert abs(end_error) <= TOLERANCE_MS, (audio, element_id, end_error)
            worst = max(worst, abs(start_error), abs(end_error))
        # Silence between clips: nothing is heard that no clip accounts for.
        for current, following in itertools.pairwise(pars):
            gap = range(
                (current.end_ms + TOLERANCE_MS) // FRAME_MS,
                (following.begin_ms - TOLERANCE_MS) // FRAME_MS,
            )
            assert not any(frames[index] for index in gap), (audio, current.element_id)
    return worst


def test_every_page_is_narrated_and_every_sentence_and_heading_has_its_clip(
    narrated: dict[str, tuple[Document, Path]],
) -> None:
    for name, (document, path) in narrated.items():
        contents = read_epub(path)
        pars = overlays(contents, path)
        assert set(pars) == set(contents.spine) - {contents.nav_name}, name
        for page, page_pars in pars.items():
            ids = {e.get("id") for e in contents.documents[page].iter() if e.get("id")}
            assert {par.element_id for par in page_pars} <= ids, (name, page)
            in_page_order = [e.get("id") for e in contents.documents[page].iter()]
            positions = [in_page_order.index(par.element_id) for par in page_pars]
            assert positions == sorted(positions), (name, page, "clips out of reading order")
            assert all(par.begin_ms < par.end_ms for par in page_pars), (name, page)
        read = {par.element_id for page_pars in pars.values() for par in page_pars}
        sections = [page for page in contents.spine if page.startswith("section-")]
        assert len(sections) == len(document.sections)
        for page in sections:
            shown = contents.documents[page].iter(f"{XHTML}h1", f"{XHTML}span")
            assert {element.get("id") for element in shown} <= read, (name, page)
    if CORPUS_MISSING:
        missing(f"checked the seed and hostile books only: {CORPUS_MISSING[0]}")


def test_title_page_summary_and_glossary_are_read_aloud(
    narrated: dict[str, tuple[Document, Path]],
) -> None:
    _, path = narrated["seed"]
    contents = read_epub(path)
    pars = overlays(contents, path)
    title_page = contents.documents[contents.spine[0]]
    read = {par.element_id for par in pars[contents.spine[0]]}
    title = title_page.find(f".//{XHTML}h1")
    assert title.get("id") in read
    summary_name = contents.toc_entries()[0][1]
    summary = contents.documents[summary_name]
    read = {par.element_id for par in pars[summary_name]}
    items = list(summary.iter(f"{XHTML}li", f"{XHTML}dt", f"{XHTML}dd"))
    assert items and all(item.get("id") in read for item in items)
    glossary = [e for e in summary.iter() if e.get(EPUB_TYPE) == "glossary"]
    assert len(glossary) == 1 and glossary[0].get("role") == "doc-glossary"
    assert list(glossary[0].iter(f"{XHTML}dfn"))


def test_durations_add_up_and_match_the_audio(
    narrated: dict[str, tuple[Document, Path]], tmp_path: Path
) -> None:
    _, path = narrated["seed"]
    contents = read_epub(path)
    durations = {
        meta.get("refines"): clock_ms(meta.text)
        for meta in contents.package.iter(f"{OPF}meta")
        if meta.get("property") == "media:duration"
    }
    total = durations.pop(None)
    manifest = {item.get("id"): item for item in contents.package.iter(f"{OPF}item")}
    smil_ids = {item.get("media-overlay") for item in manifest.values()} - {None}
    assert set(durations) == {f"#{smil_id}" for smil_id in smil_ids}
    assert total == sum(durations.values())
    for page, pars in overlays(contents, path).items():
        smil_id = next(i.get("media-overlay") for i in manifest.values() if i.get("href") == page)
        pcm, rate = decoded_audio(path, pars[0].audio, tmp_path)
        assert abs(len(pcm) * 1000 / (2 * rate) - durations[f"#{smil_id}"]) <= 30, page
        assert pars[-1].end_ms <= durations[f"#{smil_id}"]


def test_the_sentence_being_read_is_highlighted_on_every_page(
    narrated: dict[str, tuple[Document, Path]],
) -> None:
    _, path = narrated["seed"]
    contents = read_epub(path)
    (active,) = contents.properties("media:active-class")
    with zipfile.ZipFile(path) as archive:
        for name in contents.spine:
            links = contents.documents[name].iter(f"{XHTML}link")
            (stylesheet,) = [link.get("href") for link in links if link.get("rel") == "stylesheet"]
            css = archive.read("EPUB/" + stylesheet).decode("utf-8")
            assert re.search(rf"\.{re.escape(active)}\s*\{{[^}}]*background-color", css)


def test_accessibility_metadata_says_the_book_can_be_heard(
    narrated: dict[str, tuple[Document, Path]],
) -> None:
    _, path = narrated["seed"]
    contents = read_epub(path)
    assert set(contents.properties("schema:accessMode")) == {"textual", "auditory", "visual"}
    assert contents.properties("schema:accessModeSufficient") == ["textual", "auditory"]
    assert "synchronizedAudioText" in contents.properties("schema:accessibilityFeature")
    (summary,) = contents.properties("schema:accessibilitySummary")
    assert "voix de synthèse" in summary and "synchronisée" in summary


def test_a_book_narrated_in_part_does_not_claim_it_can_be_heard(tmp_path: Path) -> None:
    """The accessibility metadata follows what the package holds: with pages left
    silent, the book cannot be read by ear alone."""
    document = small_french_document()
    modified = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    plan = plan_book(document, summarize(document), modified=modified)
    heard = [
        Overlay(
            uid=file.uid,
            page_file=file.file_name,
            audio=bytes(64),
            duration_ms=1000,
            cues=(Cue(element_id=section.title_id, start_ms=100, end_ms=900),),
        )
        for file, section in zip(plan.files[2:], document.sections, strict=True)
    ]
    path = tmp_path / "part.epub"
    write_book(add_overlays(plan, heard, narrator="voix de test"), path)
    contents = read_epub(path)
    assert "auditory" not in contents.properties("schema:accessMode")
    assert contents.properties("schema:accessModeSufficient") == ["textual"]
    assert "synchronizedAudioText" not in contents.properties("schema:accessibilityFeature")
    (summary,) = contents.properties("schema:accessibilitySummary")
    assert "voix de synthèse" not in summary
    # The narrated pages keep their overlays: one duration each, and the total.
    assert sorted(contents.properties("media:duration")) == ["0:00:01.000"] * 2 + ["0:00:02.000"]
    assert contents.properties("media:narrator") == ["voix de test"]


def test_audio_is_mono_speech_at_a_modest_bitrate(
    narrated: dict[str, tuple[Document, Path]],
) -> None:
    from mutagen.mp3 import MP3

    _, path = narrated["seed"]
    with zipfile.ZipFile(path) as archive:
        members = [name for name in archive.namelist() if name.endswith(".mp3")]
        assert members
        for member in members:
            with archive.open(member) as handle:
                info = MP3(handle).info
            assert info is not None
            assert info.channels == 1
            assert info.bitrate <= 64_000


@pytest.mark.parametrize("name", ["seed", "html/"])
def test_every_clip_starts_and_ends_within_50_ms_of_its_sound(
    name: str, narrated: dict[str, tuple[Document, Path]], tmp_path: Path
) -> None:
    matches = [key for key in narrated if key.startswith(name)]
    if not matches:
        missing(CORPUS_MISSING[0] if CORPUS_MISSING else f"no {name} article narrated")
    _, path = narrated[matches[0]]
    assert assert_timings_match_sound(path, tmp_path) <= TOLERANCE_MS


def small_french_document() -> Document:
    texts = (
        ("Le conseil municipal a voté le budget mardi soir.", "Il prévoit trois écoles."),
        ("La maire a salué un vote large.", "L'opposition s'est abstenue."),
    )
    sections = tuple(
        Section(
            id=f"sec{number}",
            title=title,
            paragraphs=(
                Paragraph(
                    id=f"sec{number}-p1",
                    sentences=tuple(
                        Sentence(id=f"sec{number}-p1-s{index}", text=text)
                        for index, text in enumerate(sentences, start=1)
                    ),
                ),
            ),
        )
        for number, (title, sentences) in enumerate(
            zip(("Le vote", "Les réactions"), texts, strict=True), start=1
        )
    )
    return Document(title="Budget voté à Brest", sections=sections)


def test_real_voice_timings_hold_through_the_whole_pipeline(tmp_path: Path) -> None:
    """Pico, loudness normalisation and MP3 encoding, as `exporter build` runs them."""
    from exporter.errors import EngineError
    from exporter.narration.engines import create_engine

    try:
        create_engine("pico")
    except EngineError as error:
        pytest.skip(f"Pico is not usable here: {error}")
    document = small_french_document()
    lines = [document.title]
    for section in document.sections:
        lines += [f"## {section.title}", *(p.text for p in section.paragraphs)]
    article = tmp_path / "budget.md"
    article.write_text("# " + "\n\n".join(lines), encoding="utf-8")
    options = BuildOptions(out_dir=tmp_path / "out", engine="pico", formats=("epub",))
    report = build([article], options)
    assert not report.failed, report.failed[0].error
    (path,) = report.results[0].outputs
    assert assert_timings_match_sound(path, tmp_path) <= TOLERANCE_MS


def test_without_overlays_the_epub_has_no_audio(tmp_path: Path) -> None:
    article = tmp_path / "budget.txt"
    article.write_text("Budget voté\n\nLe conseil municipal a voté le budget.\n", encoding="utf-8")
    report = build(
        [article],
        BuildOptions(out_dir=tmp_path, engine="no-such-engine", formats=("epub",), overlays=False),
    )
    (path,) = report.results[0].outputs
    with zipfile.ZipFile(path) as archive:
        assert not [name for name in archive.namelist() if name.endswith((".mp3", ".smil"))]


@pytest.mark.validators
def test_narrated_books_pass_epubcheck(narrated: dict[str, tuple[Document, Path]]) -> None:
    require(epubcheck_status())
    for result in run_epubcheck_many([path for _, path in narrated.values()]):
        assert result.problems == 0, (result.summary(), result.messages)


@pytest.mark.validators
def test_a_narrated_book_passes_ace(narrated: dict[str, tuple[Document, Path]]) -> None:
    require(ace_status())
    result = run_ace(narrated["seed"][1])
    assert result.messages == (), result.summary()
    assert result.passed


def test_cutting_a_page_keeps_every_clip_on_its_own_sound() -> None:
    rate = 16_000
    # Every sample differs, so a page's audio can be found back in the narration.
    pcm = struct.pack(f"<{rate * 8}H", *(i % 65_536 for i in range(rate * 8)))
    clips = tuple(
        Clip(id=name, start_ms=start, end_ms=end)
        for name, start, end in (
            ("a", 250, 1000), ("b", 1400, 2000), ("c", 3600, 5000), ("d", 5400, 6000),
        )
    )  # fmt: skip
    narration = Narration(pcm=pcm, sample_rate=rate, clips=clips, chapters=(), engine="x")
    pages = cut_pages(narration, [("one", {"a": "A", "b": "B"}), ("two", {"c": "C", "d": "D"})])
    assert [page.uid for page in pages] == ["one", "two"]
    starts_ms = []
    for page in pages:
        offset = pcm.find(page.pcm[:64])
        assert offset % 2 == 0 and pcm[offset : offset + len(page.pcm)] == page.pcm
        starts_ms.append(offset // 2 * 1000 / rate)
        originals = {clip.id.upper(): clip for clip in clips}
        for cue in page.cues:
            clip = originals[cue.element_id]
            assert abs(cue.start_ms + starts_ms[-1] - clip.start_ms) < 1
            assert cue.end_ms - cue.start_ms == clip.end_ms - clip.start_ms
            assert cue.start_ms >= 0 and cue.end_ms <= page.duration_ms
    first_end_ms = starts_ms[0] + pages[0].duration_ms
    assert first_end_ms <= starts_ms[1], "pages overlap"
    assert first_end_ms >= 2000 and starts_ms[1] <= 3600, "a page cuts into its clips"
