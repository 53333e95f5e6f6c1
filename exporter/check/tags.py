"""Checks on what audio files say about themselves, and on the article's words.

- ``tags``: an MP3's chapter frames (CHAP) are stored in time order (players and ffmpeg
  that ignore the table of contents list them in file order); an M4B's chapter track
  has the language of its audio track (ffmpeg writes English);
- ``typos``: suspected typos of the article (a word that is not French, one letter away
  from a frequent word: "paragé" for "partagé"), as a warning, so editors can fix the
  source. The narration already reads them as meant.
"""

from __future__ import annotations

import functools
from pathlib import Path

from exporter.audio.tags import mp4_track_languages
from exporter.check.readers import vtt_cues
from exporter.check.results import Check
from exporter.text.typos import suspected_typos

#: MP4 handler types of a chapter (text) track.
_TEXT_HANDLERS = ("text", "sbtl")


def mp3_chapter_order_problem(mp3: Path) -> str:
    """Why the MP3's chapter frames are not in time order ("" when they are)."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        frames = ID3(str(mp3)).getall("CHAP")  # in file order
    except ID3NoHeaderError:
        return ""
    starts = [frame.start_time for frame in frames]
    if starts == sorted(starts):
        return ""
    listed = ", ".join(f"{frame.element_id} at {frame.start_time} ms" for frame in frames)
    return f"chapter frames stored out of time order: {listed}"


def m4b_chapter_language_problem(m4b: Path) -> str:
    """Why the M4B's chapter track does not speak its audio's language ("" when it does)."""
    tracks = mp4_track_languages(m4b.read_bytes())
    audio = [language for handler, language, _ in tracks if handler == "soun"]
    chapters = [language for handler, language, _ in tracks if handler in _TEXT_HANDLERS]
    wrong = [language for language in chapters if audio and language != audio[0]]
    if wrong:
        return f"chapter track language {wrong[0]!r}, audio language {audio[0]!r}"
    return ""


def check_audio_tags(article: str, folder: Path, audio: Path) -> Check:
    result = functools.partial(
        Check, article=article, check="tags", file=str(audio.relative_to(folder))
    )
    if audio.suffix.lower() == ".mp3":
        problem = mp3_chapter_order_problem(audio)
        passed = "chapter frames in time order"
    else:
        problem = m4b_chapter_language_problem(audio)
        passed = "chapter track in the audio's language"
    return (
        result(status="fail", detail=problem) if problem else result(status="pass", detail=passed)
    )


def check_typos(article: str, folder: Path) -> Check:
    """Suspected typos in the article's transcript (its written text), as a warning."""
    result = functools.partial(Check, article=article, check="typos", file=f"{folder.name}.vtt")
    vtt = folder / f"{folder.name}.vtt"
    if not vtt.exists():
        return result(status="skip", detail="no transcript to read the text from")
    typos = [typo for cue in vtt_cues(vtt) for typo in suspected_typos(cue.text)]
    if not typos:
        return result(status="pass", detail="no suspected typo")
    listed = ", ".join(f"{typo.written!r} ({typo.meant!r}?)" for typo in typos)
    return result(status="warn", detail=f"suspected typos, read as meant: {listed}")
