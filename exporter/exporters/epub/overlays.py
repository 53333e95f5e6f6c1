"""EPUB 3 Media Overlays: the narration inside the book, synchronised sentence by sentence.

Each narrated XHTML document of the book gets one MP3 file (mono speech) and
one SMIL 3.0 document whose ``<par>`` elements map an element id of the page (a sentence
``<span>``, a heading, a list item) to its clip in that file. Reading systems play the
clips in order and give the element being read the ``media:active-class``.

Article sections are cut out of the article's narration: a clip keeps its exact length
and its start moves by the cut's start, so timings stay exact. The title page and the
plain-language chapter are not in that narration; each is narrated as a small document of
its own (the audio cache makes repeated sentences free).

Nothing is encoded twice: each narration is encoded once (the article's is the stream of
its MP3 file), and a page's audio is the run of whole MP3 frames that plays its span
(:mod:`exporter.audio.mp3frames`). A frame is 36 ms at 16 kHz, so a page starts up to a
frame after the span's start (always within the silence before its first clip); its cues
are moved by exactly the time the first frame starts at, so timings stay exact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from lxml import etree

from exporter.audio.encoding import mp3_stream
from exporter.audio.mp3frames import Mp3FormatError, Mp3Frames, cut, split_frames
from exporter.cpus import cpu_count
from exporter.errors import ExportError
from exporter.exporters import ExportContext
from exporter.exporters.epub.pages import EPUB_NS, NARRATED_TAGS
from exporter.exporters.epub.plan import BookPlan, MetaProperty, Resource
from exporter.exporters.narration_audio import narration_mp3
from exporter.model import TITLE_ID, Document, Paragraph, Section, Sentence
from exporter.narration.cache import AudioCache
from exporter.narration.model import Narration
from exporter.text.dates import clock
from exporter.xmlutil import local_name

SMIL_NS = "http://www.w3.org/ns/SMIL"
SMIL_MEDIA_TYPE = "application/smil+xml"
MP3_MEDIA_TYPE = "audio/mpeg"
ACTIVE_CLASS = "-epub-media-overlay-active"
AUDIO_FOLDER = "audio"
#: Silence kept before a page's first clip and after its last one (when there is some).
PAGE_MARGIN_MS = 250
#: Who reads the book (``media:narrator``).
NARRATOR = "voix de synthèse ({engine})"
_SECTION_ID = "narrated"


@dataclass(frozen=True, kw_only=True, slots=True)
class Cue:
    """When one element of a page is read, in ms from the start of the page's audio."""

    element_id: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, kw_only=True, slots=True)
class PageAudio:
    """The narration of one XHTML document: a span of a narration and the cue of each
    element (in ms from the span's start)."""

    uid: str
    narration: Narration
    start_ms: int
    end_ms: int
    cues: tuple[Cue, ...]

    @property
    def sample_rate(self) -> int:
        return self.narration.sample_rate

    @property
    def pcm(self) -> bytes:
        rate = self.sample_rate
        return self.narration.pcm[self.start_ms * rate // 1000 * 2 : self.end_ms * rate // 1000 * 2]

    @property
    def duration_ms(self) -> int:
        return round(len(self.pcm) * 1000 / (2 * self.sample_rate))


@dataclass(frozen=True, kw_only=True, slots=True)
class Overlay:
    """One page's encoded audio and cues, ready to package."""

    uid: str
    page_file: str
    audio: bytes
    duration_ms: int
    cues: tuple[Cue, ...]

    @property
    def smil_uid(self) -> str:
        return f"mo-{self.uid}"

    @property
    def audio_uid(self) -> str:
        return f"audio-{self.uid}"

    @property
    def smil_file(self) -> str:
        return f"{self.uid}.smil"

    @property
    def audio_file(self) -> str:
        return f"{AUDIO_FOLDER}/{self.uid}.mp3"


@dataclass(frozen=True, kw_only=True, slots=True)
class Block:
    """An element of a page read aloud as one unit."""

    element_id: str
    text: str


# --- What is read ------------------------------------------------------------------


def element_ids(page: bytes) -> frozenset[str]:
    root = etree.fromstring(page)
    return frozenset(str(element.get("id")) for element in root.iter() if element.get("id"))


def _cell_texts(row: Any) -> Iterator[str]:
    for cell in row:
        text = " ".join("".join(cell.itertext()).split())
        if text:
            yield text


def narrated_blocks(page: bytes) -> list[Block]:
    """Elements of ``page`` with an id and a narrated tag, outermost first, in order."""
    root = etree.fromstring(page)
    blocks: list[Block] = []
    taken: set[Any] = set()
    for element in root.iter():
        if local_name(element) not in NARRATED_TAGS or not element.get("id"):
            continue
        if any(ancestor in taken for ancestor in element.iterancestors()):
            continue
        taken.add(element)
        if local_name(element) == "tr":
            # A table row reads as its cells, one after the other.
            text = " ; ".join(_cell_texts(element))
        else:
            text = " ".join("".join(element.itertext()).split())
        if text:
            blocks.append(Block(element_id=str(element.get("id")), text=text))
    return blocks


def blocks_document(blocks: Sequence[Block], *, language: str) -> tuple[Document, dict[str, str]]:
    """A document whose narration reads ``blocks`` in order, and clip id -> element id.

    The narrator reads a title, then each section's heading and sentences: the first
    block becomes the title, the second the heading of a single section, the rest its
    sentences (their ids are the elements' own).
    """
    if not blocks:
        raise ValueError("nothing to narrate")
    title, *rest = blocks
    mapping = {TITLE_ID: title.element_id}
    sections: tuple[Section, ...] = ()
    if rest:
        heading, *sentences = rest
        section = Section(
            id=_SECTION_ID,
            title=heading.text,
            paragraphs=(
                Paragraph(
                    id=f"{_SECTION_ID}-p1",
                    sentences=tuple(
                        Sentence(id=block.element_id, text=block.text) for block in sentences
                    ),
                ),
            )
            if sentences
            else (),
        )
        mapping[section.title_id] = heading.element_id
        mapping.update({block.element_id: block.element_id for block in sentences})
        sections = (section,)
    return Document(title=title.text, sections=sections, language=language), mapping


# --- Cutting the audio -------------------------------------------------------------


def cut_pages(
    narration: Narration, pages: Sequence[tuple[str, Mapping[str, str]]]
) -> list[PageAudio]:
    """One :class:`PageAudio` per page that has clips in ``narration``.

    ``pages`` gives, per page uid, the clip ids it shows and the element id of each. A
    page's audio runs from a little before its first clip to a little after its last,
    never into a neighbour's clips; its cues are the clips moved by the cut's start.
    """
    owner = {clip_id: uid for uid, mapping in pages for clip_id in mapping}
    spans: dict[str, list[int]] = {}
    for clip in narration.clips:
        uid = owner.get(clip.id)
        if uid is None:
            continue
        span = spans.setdefault(uid, [clip.start_ms, clip.end_ms])
        span[0], span[1] = min(span[0], clip.start_ms), max(span[1], clip.end_ms)
    ordered = sorted(spans.items(), key=lambda item: item[1][0])
    total_ms = narration.duration_ms
    mappings = dict(pages)
    result = []
    for index, (uid, (first, last)) in enumerate(ordered):
        previous_end = ordered[index - 1][1][1] if index else 0
        next_start = ordered[index + 1][1][0] if index + 1 < len(ordered) else total_ms
        start = max(first - PAGE_MARGIN_MS, (previous_end + first) // 2 if index else 0)
        end = min(last + PAGE_MARGIN_MS, (last + next_start + 1) // 2, total_ms)
        mapping = mappings[uid]
        cues = tuple(
            Cue(element_id=mapping[clip.id], start_ms=clip.start_ms - start,
                end_ms=clip.end_ms - start)
            for clip in narration.clips
            if owner.get(clip.id) == uid
        )  # fmt: skip
        result.append(
            PageAudio(uid=uid, narration=narration, start_ms=start, end_ms=end, cues=cues)
        )
    return result


def narrate_blocks(
    uid: str,
    blocks: Sequence[Block],
    *,
    narrate: Callable[[Document], Narration],
    language: str,
) -> PageAudio | None:
    """The audio of a page that is not part of the article's narration."""
    if not blocks:
        return None
    document, mapping = blocks_document(blocks, language=language)
    narration = narrate(document)
    (page,) = cut_pages(narration, [(uid, mapping)]) or (None,)
    return page


def page_audio(plan: BookPlan, context: ExportContext) -> list[PageAudio]:
    """The narration of every content file: sections cut from the article's narration,
    the title page and the plain-language chapter narrated on their own."""
    sections = [
        (file.uid, {element_id: element_id for element_id in element_ids(file.content)})
        for file in plan.files
        if not file.narrated_alone
    ]
    pages = {page.uid: page for page in cut_pages(context.narration, sections)}
    for file in plan.files:
        if file.narrated_alone:
            alone = narrate_blocks(
                file.uid,
                narrated_blocks(file.content),
                narrate=context.narrate,
                language=plan.language,
            )
            if alone is not None:
                pages[file.uid] = alone
    return [pages[file.uid] for file in plan.files if file.uid in pages]


# --- Encoding and SMIL -------------------------------------------------------------


def _overlay(page: PageAudio, frames: Mp3Frames, page_file: str) -> Overlay:
    """The page's audio: the whole frames of its narration's stream that play its span."""
    rate = page.sample_rate
    piece = cut(frames, page.start_ms * rate // 1000, page.end_ms * rate // 1000)
    # The cut starts this many ms after the span does (before it, at the very start).
    shift_ms = piece.start_sample * 1000 / rate - page.start_ms
    duration_ms = round(piece.samples * 1000 / rate)
    cues = tuple(
        Cue(
            element_id=cue.element_id,
            start_ms=max(0, round(cue.start_ms - shift_ms)),
            end_ms=min(duration_ms, round(cue.end_ms - shift_ms)),
        )
        for cue in page.cues
    )
    return Overlay(
        uid=page.uid, page_file=page_file, audio=piece.audio, duration_ms=duration_ms, cues=cues
    )


def _frames(stream: bytes) -> Mp3Frames:
    try:
        return split_frames(stream)
    except Mp3FormatError as error:
        raise ExportError(
            f"cannot cut the narration's MP3 stream into pages: {error}",
            hint="Use the ffmpeg of the imageio-ffmpeg wheel (unset EXPORTER_FFMPEG).",
        ) from error


def encode_pages(
    pages: Sequence[PageAudio],
    page_files: Mapping[str, str],
    *,
    cache: AudioCache | None = None,
    streams: Callable[[Narration], bytes] | None = None,
) -> list[Overlay]:
    """Each page's encoded audio, cut from its narration's MP3 stream.

    Every narration is encoded once (several at once; ``streams`` gives the stream of a
    narration already encoded, the cache gives those encoded before).
    """

    def stream(narration: Narration) -> bytes:
        if streams is not None:
            return streams(narration)
        return mp3_stream(narration.pcm, narration.sample_rate, cache=cache)

    narrations = list({id(page.narration): page.narration for page in pages}.values())
    workers = max(1, min(len(narrations), cpu_count()))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        encoded = list(pool.map(lambda narration: _frames(stream(narration)), narrations))
    frames = {id(narration): found for narration, found in zip(narrations, encoded, strict=True)}
    return [_overlay(page, frames[id(page.narration)], page_files[page.uid]) for page in pages]


def smil_document(overlay: Overlay) -> bytes:
    """The SMIL 3.0 document of one page: a ``<par>`` per cue, in reading order."""
    smil = etree.Element(f"{{{SMIL_NS}}}smil", nsmap={None: SMIL_NS, "epub": EPUB_NS})
    smil.set("version", "3.0")
    body = etree.SubElement(smil, f"{{{SMIL_NS}}}body")
    seq = etree.SubElement(body, f"{{{SMIL_NS}}}seq", id=f"seq-{overlay.uid}")
    seq.set(f"{{{EPUB_NS}}}textref", overlay.page_file)
    for number, cue in enumerate(overlay.cues, start=1):
        par = etree.SubElement(seq, f"{{{SMIL_NS}}}par", id=f"par-{overlay.uid}-{number}")
        etree.SubElement(par, f"{{{SMIL_NS}}}text", src=f"{overlay.page_file}#{cue.element_id}")
        etree.SubElement(
            par,
            f"{{{SMIL_NS}}}audio",
            src=overlay.audio_file,
            clipBegin=clock(max(0, cue.start_ms)),
            clipEnd=clock(min(overlay.duration_ms, cue.end_ms)),
        )
    return bytes(etree.tostring(smil, xml_declaration=True, encoding="utf-8"))


# --- Into the book -----------------------------------------------------------------


def add_overlays(plan: BookPlan, overlays: Iterable[Overlay], *, narrator: str) -> BookPlan:
    """``plan`` with Media Overlays: audio, SMIL documents and their metadata."""
    by_file = {overlay.page_file: overlay for overlay in overlays}
    if not by_file:
        return plan
    files = tuple(
        dataclasses.replace(file, media_overlay=by_file[file.file_name].smil_uid)
        if file.file_name in by_file
        else file
        for file in plan.files
    )
    ordered = [by_file[file.file_name] for file in plan.files if file.file_name in by_file]
    resources = [
        *plan.resources,
        *(
            Resource(
                uid=overlay.smil_uid,
                file_name=overlay.smil_file,
                media_type=SMIL_MEDIA_TYPE,
                content=smil_document(overlay),
            )
            for overlay in ordered
        ),
        *(
            Resource(
                uid=overlay.audio_uid,
                file_name=overlay.audio_file,
                media_type=MP3_MEDIA_TYPE,
                content=overlay.audio,
            )
            for overlay in ordered
        ),
    ]
    # The total must be the exact sum of the overlays' durations: sum the same integers.
    media = [
        *(
            MetaProperty(
                name="media:duration",
                value=clock(overlay.duration_ms),
                refines=f"#{overlay.smil_uid}",
            )
            for overlay in ordered
        ),
        MetaProperty(
            name="media:duration",
            value=clock(sum(overlay.duration_ms for overlay in ordered)),
        ),
        MetaProperty(name="media:active-class", value=ACTIVE_CLASS),
        MetaProperty(name="media:narrator", value=narrator),
    ]
    return dataclasses.replace(
        plan, files=files, resources=tuple(resources), properties=(*plan.properties, *media)
    )


def narrate_book(plan: BookPlan, context: ExportContext) -> BookPlan:
    """``plan`` read aloud: every page narrated, encoded and synchronised."""
    pages = page_audio(plan, context)
    files = {file.uid: file.file_name for file in plan.files}
    narrator = NARRATOR.format(engine=context.narration.engine)
    article = context.narration

    def stream(narration: Narration) -> bytes:
        if narration is article:  # the MP3 file's stream, encoded once for both
            return narration_mp3(context)
        return mp3_stream(narration.pcm, narration.sample_rate, cache=context.audio_cache)

    overlays = encode_pages(pages, files, streams=stream)
    return add_overlays(plan, overlays, narrator=narrator)
