"""Encoding narration to MP3 and M4B with ffmpeg (see :mod:`exporter.audio.ffmpeg`).

The PCM goes to ffmpeg through a pipe. ffmpeg writes a LAME/Xing header carrying the MP3
encoder delay, and an edit list for the AAC priming samples, so players start the audio
where our timings say it starts. MP3 frames borrow no bits from the frames before them (no
bit reservoir): a run of frames cut from a stream plays on its own
(:mod:`exporter.audio.mp3frames`). Tags and chapters: :mod:`exporter.audio.tags`.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from exporter.audio.ffmpeg import pcm_input, run_ffmpeg
from exporter.audio.tags import AudioTags, ffmetadata, set_chapter_track_language
from exporter.model import Document
from exporter.narration.cache import AudioCache
from exporter.narration.model import Chapter, Narration

#: Mono speech: 64 kbit/s is transparent for a 16–24 kHz voice, in MP3 and in AAC-LC.
MP3_BITRATE = "64k"
AAC_BITRATE = "64k"
#: LAME's presets scale the input by 0.95 (-0.45 dB) below 320 kbit/s to spare decoders
#: from clipping (measured: -0.44 dB at 32–256k, 0 at 320k). Our narration is already
#: normalised with 1 dB of headroom, so we undo it: the MP3 plays at the loudness we set.
_LAME_PRESET_SCALE = 0.95
_LAME_UNSCALED_KBPS = 320
_ONE_THREAD_FILTERS = ("-filter_threads", "1")
_ONE_THREAD_CODEC = ("-threads", "1")


def section_pcm(narration: Narration, chapter: Chapter) -> bytes:
    """The part of the narration's PCM that one chapter spans."""
    bytes_per_ms = 2 * narration.sample_rate / 1000
    start = int(chapter.start_ms * bytes_per_ms) // 2 * 2
    end = int(chapter.end_ms * bytes_per_ms) // 2 * 2
    return narration.pcm[start:end]


def _lame_makeup_gain(bitrate: str) -> float:
    kbps = int(bitrate.lower().removesuffix("k"))
    return 1.0 if kbps >= _LAME_UNSCALED_KBPS else 1.0 / _LAME_PRESET_SCALE


def encode_mp3_pcm(
    pcm: bytes,
    sample_rate: int,
    target: Path,
    *,
    bitrate: str = MP3_BITRATE,
    cache: AudioCache | None = None,
) -> None:
    """Encode mono 16-bit PCM to an MP3 file at ``target`` (overwritten).

    With a ``cache``, the same PCM is never encoded twice at the same settings: a rebuild
    whose narration comes from the audio cache copies its MP3 streams from there too.
    """
    makeup = f"volume={_lame_makeup_gain(bitrate):.6f}"
    arguments = [
        # One thread for the filter and the encoder: LAME gains nothing from more, and
        # batch workers share the cores (measured: 5-8 % less CPU, the same bytes).
        *_ONE_THREAD_FILTERS,
        *pcm_input(sample_rate),
        "-af",
        makeup,
        *_ONE_THREAD_CODEC,
        "-c:a",
        "libmp3lame",
        "-b:a",
        bitrate,
        "-ac",
        "1",
        # Every frame self-contained (no bits borrowed from the frames before it): a run
        # of frames cut from the stream plays on its own (exporter.audio.mp3frames).
        "-reservoir",
        "0",
        "-write_xing",
        "1",
        "-id3v2_version",
        "0",
        "-f",
        "mp3",
    ]
    if cache is None:
        run_ffmpeg([*arguments, str(target)], stdin=pcm, what="MP3 encoding")
        return
    key = AudioCache.key(
        engine="ffmpeg",
        settings=" ".join(arguments),
        sample_rate=sample_rate,
        text=hashlib.sha256(pcm).hexdigest(),
    )
    encoded = cache.get(key)
    if encoded is not None:
        target.write_bytes(encoded)
        return
    run_ffmpeg([*arguments, str(target)], stdin=pcm, what="MP3 encoding")
    cache.put(key, target.read_bytes())


def mp3_stream(
    pcm: bytes, sample_rate: int, *, bitrate: str = MP3_BITRATE, cache: AudioCache | None = None
) -> bytes:
    """The MP3 stream of mono 16-bit PCM, as :func:`encode_mp3_pcm` writes it."""
    with tempfile.TemporaryDirectory(prefix="exporter-mp3-") as scratch:
        target = Path(scratch) / "stream.mp3"
        encode_mp3_pcm(pcm, sample_rate, target, bitrate=bitrate, cache=cache)
        return target.read_bytes()


def encode_mp3(
    narration: Narration,
    target: Path,
    *,
    bitrate: str = MP3_BITRATE,
    cache: AudioCache | None = None,
) -> None:
    """Encode the narration's PCM to an MP3 file at ``target``."""
    encode_mp3_pcm(narration.pcm, narration.sample_rate, target, bitrate=bitrate, cache=cache)


def encode_m4b(
    narration: Narration,
    document: Document,
    target: Path,
    *,
    cover: bytes | None = None,
    bitrate: str = AAC_BITRATE,
) -> None:
    """An audiobook: mono AAC-LC in MP4 with chapters, tags and the cover as attached picture."""
    tags = AudioTags.of(document, engine=narration.engine)
    with tempfile.TemporaryDirectory(prefix="exporter-m4b-") as scratch:
        metadata_file = Path(scratch) / "metadata.txt"
        metadata_file.write_text(ffmetadata(tags, narration.chapters), encoding="utf-8")
        inputs = [*pcm_input(narration.sample_rate), "-f", "ffmetadata", "-i", str(metadata_file)]
        maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        if cover:
            cover_file = Path(scratch) / "cover.jpg"
            cover_file.write_bytes(cover)
            inputs += ["-i", str(cover_file)]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
        run_ffmpeg(
            [
                *inputs,
                *maps,
                "-c:a",
                "aac",
                "-profile:a",
                "aac_low",
                "-b:a",
                bitrate,
                "-ac",
                "1",
                "-metadata:s:a:0",
                f"language={tags.language}",
                "-movflags",
                "+faststart",
                "-f",
                "ipod",
                "-brand",
                "M4B ",
                str(target),
            ],
            stdin=narration.pcm,
            what="M4B encoding",
        )
    set_chapter_track_language(target, tags.language)
