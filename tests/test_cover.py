"""The cover: a square JPEG players can show, readable, the same every time."""

from __future__ import annotations

import io
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFont

from exporter.audio.cover import (
    COVER_SIZE,
    _cover_image,
    _font_files,
    render_cover,
    wrap,
)
from exporter.model import Document, Metadata
from exporter.text.dates import french_date
from tests.test_narration import DOC

SEED_TITLE = (
    "La Chine appelle à la coopération en matière de sécurité de l'intelligence artificielle"
)


def _document(title: str, **metadata: str) -> Document:
    return Document(title=title, sections=DOC.sections, metadata=Metadata(**metadata))


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_cover_is_a_square_jpeg_with_drawn_text() -> None:
    image = _image(render_cover(_document(SEED_TITLE, publisher="Wikinews", date="2012-05-22")))
    assert image.format == "JPEG"
    assert image.size == (COVER_SIZE, COVER_SIZE)
    assert image.mode == "RGB"
    grey = image.convert("L")
    background = grey.getpixel((5, 5))
    assert isinstance(background, int)
    # White letters on a dark ground: a good share of the title area is light.
    title_area = grey.crop((100, 280, 1300, 1040))
    light = sum(count for value, count in enumerate(title_area.histogram()) if value > 200)
    assert background < 80
    assert light > 0.05 * title_area.width * title_area.height


def test_same_document_same_bytes_different_title_different_bytes() -> None:
    document = _document(SEED_TITLE, publisher="Wikinews")
    assert _cover_image(document) == _cover_image(document)
    assert _cover_image(document) != _cover_image(_document("Un autre titre"))


def test_a_very_long_title_stays_clear_of_the_footer() -> None:
    title = " ".join(["Interminable"] * 80)
    grey = _image(render_cover(_document(title, publisher="Wikinews"))).convert("L")
    # The band between the title box and the footer holds nothing but background.
    band = grey.crop((0, 1060, COVER_SIZE, 1150))
    low, high = cast(tuple[int, int], band.getextrema())
    assert high - low < 30


def test_french_letters_have_glyphs() -> None:
    font = ImageFont.truetype(_font_files().title, 60)
    missing = bytes(font.getmask("\uffff"))
    for letter in "éèêàâçœŒÉÀÇîïôûù«»’–€":
        assert bytes(font.getmask(letter)) != missing, letter


@pytest.mark.parametrize(
    ("iso", "spoken"),
    [("2012-05-22", "22 mai 2012"), ("2023-08-01", "1er août 2023"), ("mai 2012", "mai 2012")],
)
def test_french_date(iso: str, spoken: str) -> None:
    assert french_date(iso) == spoken


words = st.lists(st.text(alphabet="abcdéèàçœ'-", min_size=1, max_size=40), min_size=1, max_size=30)


@settings(deadline=None, max_examples=50)  # glyph measuring is slow on a busy machine
@given(words)
def test_wrapped_lines_fit_and_keep_every_letter(chosen: list[str]) -> None:
    font = ImageFont.truetype(_font_files().title, 64)
    width = 600
    lines = wrap(" ".join(chosen), font, width)
    assert all(font.getlength(line) <= width for line in lines)
    letters = "".join(lines).replace(" ", "").replace("-", "")
    assert letters == "".join(chosen).replace("-", "")
