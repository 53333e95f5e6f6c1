"""Cutting an MP3 stream at frame boundaries, so that a part of it plays without encoding.

The EPUB's per-page audio is cut from the narration's encoded stream instead of being
encoded again. An MPEG audio frame decodes to a fixed number of samples (576 at 16–24 kHz,
1152 at 32–48 kHz); in a stream that ffmpeg encoded, the first frame is an Info frame
whose LAME tag gives the encoder delay, and frame ``k`` after it decodes to the PCM
samples from ``k * 576 - delay`` on, where ``delay`` adds the decoder's own 529 samples.
A run of frames copied into a file of its own therefore plays a known span of the PCM:
the file carries no Info frame (nothing for a player to skip), and the streams are
encoded without a bit reservoir (:mod:`exporter.audio.encoding`), so no frame borrows
bits from one left behind.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Layer III bit rates (kbit/s) by bit rate index, for MPEG-1 and for MPEG-2/2.5.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
#: Sample rates by version bits (0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1) and rate index.
_RATES = {0: (11025, 12000, 8000), 2: (22050, 24000, 16000), 3: (44100, 48000, 32000)}
#: The MPEG-1/2 synthesis filterbank: a decoder outputs each sample this much late.
DECODER_DELAY = 529
_XING_TAGS = (b"Info", b"Xing")
_XING_FRAMES, _XING_BYTES, _XING_TOC, _XING_QUALITY = 1, 2, 4, 8


class Mp3FormatError(ValueError):
    """The bytes are not the MP3 stream this module can cut."""


@dataclass(frozen=True, kw_only=True, slots=True)
class _Header:
    length: int
    samples: int
    sample_rate: int
    side_info: int  # bytes of side information after the 4-byte header


def _header(data: bytes, offset: int) -> _Header:
    if offset + 4 > len(data):
        raise Mp3FormatError(f"truncated frame header at byte {offset}")
    b1, b2, b3 = data[offset + 1], data[offset + 2], data[offset + 3]
    version, layer = (b1 >> 3) & 3, (b1 >> 1) & 3
    bitrate_index, rate_index = b2 >> 4, (b2 >> 2) & 3
    if data[offset] != 0xFF or (b1 & 0xE0) != 0xE0 or version == 1 or layer != 1:
        raise Mp3FormatError(f"no MPEG Layer III frame at byte {offset}")
    if bitrate_index in (0, 15) or rate_index == 3:
        raise Mp3FormatError(f"free-format or invalid frame at byte {offset}")
    mpeg1 = version == 3
    bitrate = _BITRATES[1 if mpeg1 else 2][bitrate_index] * 1000
    rate = _RATES[version][rate_index]
    mono = (b3 >> 6) == 3
    return _Header(
        length=(144 if mpeg1 else 72) * bitrate // rate + ((b2 >> 1) & 1),
        samples=1152 if mpeg1 else 576,
        sample_rate=rate,
        side_info=(17 if mono else 32) if mpeg1 else (9 if mono else 17),
    )


def _encoder_delay(frame: bytes, side_info: int) -> int | None:
    """The encoder delay in an Info/Xing frame's LAME tag, or None if it is not one."""
    tag = 4 + side_info
    if frame[tag : tag + 4] not in _XING_TAGS:
        return None
    flags = int.from_bytes(frame[tag + 4 : tag + 8], "big")
    lame = tag + 8
    lame += 4 * bool(flags & _XING_FRAMES) + 4 * bool(flags & _XING_BYTES)
    lame += 100 * bool(flags & _XING_TOC) + 4 * bool(flags & _XING_QUALITY)
    # Encoder (9) revision (1) lowpass (1) peak (4) gains (4) flags (1) bitrate (1), then
    # 12 bits of delay and 12 of padding.
    field = frame[lame + 21 : lame + 24]
    if len(field) < 3:
        return 0
    return (field[0] << 4) | (field[1] >> 4)


@dataclass(frozen=True, kw_only=True, slots=True)
class Mp3Frames:
    """An encoded stream split into its audio frames."""

    data: bytes
    #: Byte offset of every audio frame, and where the last one ends.
    offsets: tuple[int, ...]
    samples_per_frame: int
    sample_rate: int
    #: The PCM sample that the first decoded sample of the first audio frame stands for,
    #: negated: the encoder's delay plus the decoder's.
    delay: int

    @property
    def count(self) -> int:
        return len(self.offsets) - 1

    def first_sample(self, frame: int) -> int:
        """The PCM sample that ``frame`` starts to play (negative in the encoder delay)."""
        return frame * self.samples_per_frame - self.delay


def split_frames(data: bytes) -> Mp3Frames:
    """The frames of an MP3 stream written by ffmpeg with an Info frame and no ID3 tag."""
    first = _header(data, 0)
    delay = _encoder_delay(data[: first.length], first.side_info)
    if delay is None:
        raise Mp3FormatError("the stream has no Info frame giving its encoder delay")
    offsets = []
    offset = first.length
    while offset < len(data):
        header = _header(data, offset)
        if header.sample_rate != first.sample_rate or header.samples != first.samples:
            raise Mp3FormatError(f"the frame at byte {offset} changes the stream's format")
        offsets.append(offset)
        offset += header.length
    if offset != len(data):
        raise Mp3FormatError("the stream ends inside a frame")
    if not offsets:
        raise Mp3FormatError("the stream holds no audio frame")
    offsets.append(offset)
    return Mp3Frames(
        data=data,
        offsets=tuple(offsets),
        samples_per_frame=first.samples,
        sample_rate=first.sample_rate,
        delay=delay + DECODER_DELAY,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Mp3Cut:
    """Whole frames of a stream: the bytes, and the PCM samples they play."""

    audio: bytes
    start_sample: int
    samples: int


def cut(frames: Mp3Frames, start_sample: int, end_sample: int) -> Mp3Cut:
    """The whole frames that play within ``start_sample``..``end_sample`` of the PCM
    (at most a frame less at either end), or the one frame nearest if none fits."""
    size = frames.samples_per_frame
    first = max(0, -(-(start_sample + frames.delay) // size))
    last = min(frames.count, (end_sample + frames.delay) // size)
    if last <= first:
        first = min(max(0, (start_sample + frames.delay) // size), frames.count - 1)
        last = first + 1
    return Mp3Cut(
        audio=frames.data[frames.offsets[first] : frames.offsets[last]],
        start_sample=frames.first_sample(first),
        samples=(last - first) * size,
    )
