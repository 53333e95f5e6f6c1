"""A cover picture for the audio files (and the EPUB): the title, big, on a plain background.

Audio players show the cover as a thumbnail, often smaller than a thumb: the design is
one dark colour, the title in large white bold letters, a yellow rule, and at the foot the
publisher and date and a note that a synthetic voice reads the article. Contrast of white
on the background is above 14:1. 1400 × 1400 pixels is what podcast and audiobook
catalogues ask for.

The font is Lato (SIL Open Font License), shipped by the ``font-lato`` wheel: Pillow's
built-in font has no accented letters. The same document always gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from exporter.errors import ExportError
from exporter.model import Document
from exporter.text.dates import french_date

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

log = logging.getLogger(__name__)

COVER_SIZE = 1400
SYNTHETIC_VOICE_NOTE = "Lu par une voix de synthèse"

_BACKGROUND = (16, 42, 67)  # deep blue
_TEXT = (255, 255, 255)
_MUTED = (217, 226, 236)  # light grey-blue, still above 10:1 on the background
_ACCENT = (240, 180, 41)  # yellow rule

_MARGIN = 120
_TITLE_TOP = 300
_TITLE_BOTTOM = 1040
_TITLE_SIZES = (132, 118, 104, 92, 82, 72, 64)
_LINE_SPACING = 1.18
_FOOT_SIZE = 46
_JPEG_QUALITY = 85


@dataclass(frozen=True, kw_only=True, slots=True)
class _Fonts:
    title: str
    text: str
    note: str


@functools.cache
def _font_files() -> _Fonts:
    try:
        folder = files("font_lato") / "files"
    except ModuleNotFoundError:
        raise ExportError(
            "the cover's font is missing", hint="pip install font-lato (it ships the Lato font)"
        ) from None
    return _Fonts(
        title=str(folder / "Lato-Bold.ttf"),
        text=str(folder / "Lato-Regular.ttf"),
        note=str(folder / "Lato-Italic.ttf"),
    )


def _font(path: str, size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(path, size)


def wrap(text: str, font: FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap; a word wider than ``width`` on its own is cut where it must be."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width:
            cut = len(current) - 1
            while cut > 1 and font.getlength(current[:cut] + "-") > width:
                cut -= 1
            lines.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _fit_title(title: str, path: str, width: int, height: int) -> tuple[FreeTypeFont, list[str]]:
    """The largest size at which the title fits; at the smallest, the overflow is elided."""
    for size in _TITLE_SIZES:
        font = _font(path, size)
        lines = wrap(title, font, width)
        if len(lines) * size * _LINE_SPACING <= height:
            return font, lines
    max_lines = int(height // (size * _LINE_SPACING))
    log.info("title too long for the cover: shortened")
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = f"{last} …"
    return font, kept


def preload() -> None:
    """Import the imaging library and find the fonts (a batch's parent, before forking)."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: F401

    _font_files()


def _cover_image(document: Document) -> bytes:
    from PIL import Image, ImageDraw

    fonts = _font_files()
    image = Image.new("RGB", (COVER_SIZE, COVER_SIZE), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = COVER_SIZE - 2 * _MARGIN

    draw.rectangle((_MARGIN, 200, _MARGIN + 180, 214), fill=_ACCENT)

    title_font, lines = _fit_title(
        document.title.strip() or "Sans titre", fonts.title, width, _TITLE_BOTTOM - _TITLE_TOP
    )
    line_height = round(title_font.size * _LINE_SPACING)
    for index, line in enumerate(lines):
        draw.text(
            (_MARGIN, _TITLE_TOP + index * line_height),
            line,
            font=title_font,
            fill=_TEXT,
            anchor="la",
        )

    foot_font = _font(fonts.text, _FOOT_SIZE)
    note_font = _font(fonts.note, _FOOT_SIZE)
    date = french_date(document.metadata.date)
    origin_line = " · ".join(part for part in (document.metadata.origin, date) if part)
    baseline = COVER_SIZE - _MARGIN
    draw.text((_MARGIN, baseline), SYNTHETIC_VOICE_NOTE, font=note_font, fill=_MUTED, anchor="ls")
    if origin_line:
        (origin_line,) = wrap(origin_line, foot_font, width)[:1]
        draw.text(
            (_MARGIN, baseline - round(_FOOT_SIZE * 1.6)),
            origin_line,
            font=foot_font,
            fill=_TEXT,
            anchor="ls",
        )

    out = io.BytesIO()
    image.save(out, format="JPEG", quality=_JPEG_QUALITY, optimize=True)
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def render_cover(document: Document) -> bytes:
    """The document's cover as JPEG bytes, :data:`COVER_SIZE` pixels square."""
    return _cover_image(document)
