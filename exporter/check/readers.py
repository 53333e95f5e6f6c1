"""Reading built outputs back for ``exporter check``: the chapters of an MP3 (ID3) and an
M4B (ffmpeg), the table of contents and Media Overlays of an EPUB, the cues of a WebVTT
transcript.

Readers are lenient: what they cannot read comes back empty, and the checks that compare
it say what is missing.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from exporter.audio.ffmpeg import run_ffmpeg_unchecked
from exporter.model import TITLE_ID
from exporter.xmlutil import EPUB_CONTAINER, epub_package_path

_SECTION_FILE = re.compile(r"section-\d+\.xhtml")
_HEADING_CUE = re.compile(r"(.+)-title")
_CUE_TIMING = re.compile(r"([\d:.]+)\s+-->\s+([\d:.]+)")
_NAV_NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
_SMIL_MEDIA_TYPE = "application/smil+xml"


def same_title(title: str) -> str:
    """``title`` as compared across formats: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", title).split())


def clock_ms(value: str) -> int:
    """SMIL and WebVTT clock values in ms: '0:01:02.345', '02:03.5', '62.345s', '1500ms'."""
    if value.endswith("ms"):
        return round(float(value[:-2]))
    if value.endswith("s"):
        return round(float(value[:-1]) * 1000)
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds * 1000)


def zip_member(folder: str, href: str) -> str:
    """The zip member that ``href``, relative to ``folder`` inside the zip, names."""
    return posixpath.normpath(posixpath.join(folder, href))


# --- Audio chapters ----------------------------------------------------------------


def mp3_chapter_titles(mp3: Path) -> list[str]:
    """The titles of the MP3's ID3 chapters, in time order ("" for an untitled one)."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(str(mp3))
    except ID3NoHeaderError:
        return []
    chapters = sorted(tags.getall("CHAP"), key=lambda chapter: chapter.start_time)
    return [
        same_title(str(chapter.sub_frames["TIT2"].text[0])) if "TIT2" in chapter.sub_frames else ""
        for chapter in chapters
    ]


def ffmpeg_chapter_titles(audio: Path) -> list[str]:
    """Chapters as ffmpeg reads them (M4B), from an FFMETADATA dump."""
    done = run_ffmpeg_unchecked(["-i", str(audio), "-f", "ffmetadata", "-"])
    titles: list[str] = []
    in_chapter = False
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("["):
            in_chapter = line.strip() == "[CHAPTER]"
            if in_chapter:
                titles.append("")
        elif in_chapter and line.startswith("title="):
            titles[-1] = same_title(line.removeprefix("title=").replace("\\", ""))
    return titles


# --- EPUB --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Package:
    """An EPUB's package document (OPF), parsed, and where it lies in the archive."""

    root: Any
    #: The OPF's folder inside the zip ("" at the top): manifest hrefs are relative to it.
    folder: str

    def path(self, href: str) -> str:
        """The zip member that a manifest ``href`` names."""
        return zip_member(self.folder, href)

    def items(self) -> list[Any]:
        """The manifest's ``<item>`` elements."""
        return list(self.root.iter("{*}item"))


def read_package(archive: zipfile.ZipFile) -> Package:
    """The package document that ``META-INF/container.xml`` points to."""
    container = etree.fromstring(archive.read(EPUB_CONTAINER))
    opf_name = epub_package_path(container)
    return Package(etree.fromstring(archive.read(opf_name)), opf_name.rpartition("/")[0])


def epub_section_titles(epub: Path) -> list[str]:
    """The table of contents' entries that lead to an article section, in order."""
    with zipfile.ZipFile(epub) as archive:
        package = read_package(archive)
        nav_href = next(
            str(item.get("href"))
            for item in package.items()
            if "nav" in (item.get("properties") or "").split()
        )
        nav = etree.fromstring(archive.read(package.path(nav_href)))
    links = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=_NAV_NS)
    return [
        same_title("".join(link.itertext()))
        for link in links
        if _SECTION_FILE.fullmatch(str(link.get("href", "")).partition("#")[0])
    ]


@dataclass(frozen=True, kw_only=True, slots=True)
class OverlayClip:
    """One ``<par>`` of a Media Overlay: an element of a page and its audio clip."""

    element: str
    #: The audio file's path in the zip.
    audio: str
    begin_ms: int
    end_ms: int


def overlay_clips(archive: zipfile.ZipFile) -> dict[str, list[OverlayClip]]:
    """Per SMIL document (its path in the zip): its clips, audio paths resolved."""
    package = read_package(archive)
    result: dict[str, list[OverlayClip]] = {}
    for item in package.items():
        if item.get("media-type") != _SMIL_MEDIA_TYPE:
            continue
        smil_name = package.path(str(item.get("href")))
        smil_folder = smil_name.rpartition("/")[0]
        smil = etree.fromstring(archive.read(smil_name))
        clips = []
        for par in smil.iter("{*}par"):
            text, audio = par.find("{*}text"), par.find("{*}audio")
            if text is None or audio is None:
                continue
            clips.append(
                OverlayClip(
                    element=str(text.get("src", "")).partition("#")[2],
                    audio=zip_member(smil_folder, str(audio.get("src"))),
                    begin_ms=clock_ms(str(audio.get("clipBegin", "0s"))),
                    end_ms=clock_ms(str(audio.get("clipEnd", "0s"))),
                )
            )
        result[smil_name] = clips
    return result


# --- WebVTT ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class VttCue:
    #: The cue's identifier line ("" when it has none).
    id: str
    start_ms: int
    end_ms: int
    #: The cue's lines, joined by spaces.
    text: str


def vtt_cues(vtt: Path) -> list[VttCue]:
    """Every cue of a WebVTT file with a readable timing line, in file order."""
    text = vtt.read_text(encoding="utf-8").replace("\r\n", "\n")
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        match = _CUE_TIMING.search(lines[timing]) if timing is not None else None
        if timing is None or match is None:
            continue
        cues.append(
            VttCue(
                id=lines[timing - 1].strip() if timing else "",
                start_ms=clock_ms(match[1]),
                end_ms=clock_ms(match[2]),
                text=" ".join(lines[timing + 1 :]),
            )
        )
    return cues


def vtt_section_titles(vtt: Path) -> list[str]:
    """The section headings a transcript reads (``<section id>-title`` cues)."""
    return [
        same_title(cue.text)
        for cue in vtt_cues(vtt)
        if cue.id != TITLE_ID and _HEADING_CUE.fullmatch(cue.id)
    ]


@dataclass(frozen=True, kw_only=True, slots=True)
class SpokenText:
    """What the transcript says was read: how much text, over how much speech."""

    characters: int
    #: Time inside the cues (speech), without the pauses between them.
    speech_s: float
    #: Where the last cue ends: the audio must last at least that long.
    last_end_s: float


def spoken_text(folder: Path) -> SpokenText | None:
    """The article's transcript (``<slug>.vtt``) summed up, when there is one."""
    vtt = folder / f"{folder.name}.vtt"
    if not vtt.exists():
        return None
    cues = vtt_cues(vtt)
    return SpokenText(
        characters=sum(len(" ".join(cue.text.split())) for cue in cues),
        speech_s=sum(max(0, cue.end_ms - cue.start_ms) for cue in cues) / 1000,
        last_end_s=max((cue.end_ms for cue in cues), default=0) / 1000,
    )
