"""Narration timings, pauses and the sentence cache, with the deterministic fake engine."""

from __future__ import annotations

from exporter.model import TITLE_ID, Document, Paragraph, Section, Sentence
from exporter.narration.cache import AudioCache
from exporter.narration.narrator import Narrator, Pauses
from tests.conftest import FakeEngine
from tests.pydub_oracle import AudioSegment


def _document(paragraph_texts: list[list[str]]) -> Document:
    sections = []
    for s_index, paragraphs in enumerate(paragraph_texts, start=1):
        sid = f"sec{s_index}"
        sections.append(
            Section(
                id=sid,
                title=f"Partie {s_index}",
                paragraphs=tuple(
                    Paragraph(
                        id=f"{sid}-p{p}",
                        sentences=tuple(
                            Sentence(id=f"{sid}-p{p}-s{k}", text=sentence)
                            for k, sentence in enumerate(text.split("|"), start=1)
                        ),
                    )
                    for p, text in enumerate(paragraphs, start=1)
                ),
            )
        )
    return Document(title="Un titre", sections=tuple(sections))


DOC = _document(
    [
        ["Une phrase.|Une autre phrase.", "Un second paragraphe."],
        ["La deuxième partie commence ici."],
    ]
)


def _loudness(narration_pcm: bytes, rate: int, start: int, end: int) -> float:
    segment = AudioSegment(data=narration_pcm, sample_width=2, frame_rate=rate, channels=1)
    return segment[start:end].dBFS


def test_every_unit_has_a_clip_in_reading_order_with_pauses() -> None:
    narration = Narrator(FakeEngine()).narrate(DOC)
    ids = [clip.id for clip in narration.clips]
    assert ids == [
        TITLE_ID,
        "sec1-title",
        "sec1-p1-s1",
        "sec1-p1-s2",
        "sec1-p2-s1",
        "sec2-title",
        "sec2-p1-s1",
    ]
    pairs = zip(narration.clips, narration.clips[1:], strict=False)
    gaps = {b.id: b.start_ms - a.end_ms for a, b in pairs}
    pauses = Pauses()
    assert gaps["sec1-p1-s2"] == pauses.between_sentences
    assert gaps["sec1-p2-s1"] == pauses.between_paragraphs
    assert gaps["sec2-title"] == pauses.between_sections
    assert pauses.between_sentences < pauses.between_paragraphs < pauses.between_sections


def test_clips_hold_sound_and_gaps_hold_silence() -> None:
    narration = Narrator(FakeEngine()).narrate(DOC)
    rate = narration.sample_rate
    for clip in narration.clips:
        assert _loudness(narration.pcm, rate, clip.start_ms + 5, clip.end_ms - 5) > -30
    for a, b in zip(narration.clips, narration.clips[1:], strict=False):
        assert _loudness(narration.pcm, rate, a.end_ms + 5, b.start_ms - 5) == float("-inf")
    # The engine's 40 ms of padding was trimmed: a clip is as long as the tone.
    sentence = narration.clips[2]
    pace = FakeEngine().ms_per_char("Une phrase.")
    assert abs((sentence.end_ms - sentence.start_ms) - pace * len("Une phrase.")) <= 5


def test_one_chapter_per_section_covering_the_file() -> None:
    narration = Narrator(FakeEngine()).narrate(DOC)
    chapters = narration.chapters
    assert [c.title for c in chapters] == ["Partie 1", "Partie 2"]
    assert chapters[0].start_ms == 0
    assert chapters[0].end_ms == chapters[1].start_ms
    assert chapters[-1].end_ms == narration.duration_ms
    second_heading = next(c for c in narration.clips if c.id == "sec2-title")
    assert chapters[1].start_ms == second_heading.start_ms


def test_cached_sentences_are_not_synthesised_again(tmp_path) -> None:
    cache = AudioCache(tmp_path)
    engine = FakeEngine()
    first = Narrator(engine, cache=cache).narrate(DOC)
    assert len(engine.calls) == 7
    engine.calls.clear()
    edited = _document(
        [
            ["Une phrase.|Une autre phrase modifiée.", "Un second paragraphe."],
            ["La deuxième partie commence ici."],
        ]
    )
    second = Narrator(engine, cache=cache).narrate(edited)
    assert engine.calls == ["Une autre phrase modifiée."]
    assert second.duration_ms > first.duration_ms


def test_repeated_sentences_are_synthesised_once() -> None:
    engine = FakeEngine()
    Narrator(engine).narrate(_document([["Oui.|Oui.|Non."], ["Oui."]]))
    assert sorted(engine.calls) == sorted(["Un titre", "Partie 1", "Partie 2", "Oui.", "Non."])


def test_an_engine_failure_halfway_loses_nothing_already_synthesised(tmp_path) -> None:
    """A crash mid-article keeps the finished sentences: the rerun only does the rest."""
    import pytest

    from exporter.errors import SynthesisError

    cache = AudioCache(tmp_path)
    failing = FakeEngine()
    failing.max_parallel = 1
    real_synthesize = failing.synthesize

    def crash_after_three(text: str) -> bytes:
        if len(failing.calls) == 3:
            raise RuntimeError("out of memory")
        return real_synthesize(text)

    failing.synthesize = crash_after_three  # type: ignore[method-assign]
    with pytest.raises(SynthesisError, match="fake"):
        Narrator(failing, cache=cache).narrate(DOC)
    done_before = list(failing.calls)
    assert len(done_before) == 3

    rerun = FakeEngine()
    Narrator(rerun, cache=cache).narrate(DOC)
    assert len(rerun.calls) == 7 - 3
    assert not set(rerun.calls) & set(done_before)
