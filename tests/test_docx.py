"""Word documents written by python-docx: headings, paragraphs, lists, tables, metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from exporter.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from exporter.parsers import parse_file
from exporter.parsers.reading import CONTAINER_MAX_BYTES
from exporter.pipeline import BuildOptions, build
from tests.conftest import FakeEngine

LEAD = "Le conseil départemental a voté jeudi le budget des collèges pour l'an prochain."
SECOND = "Les dépenses de fonctionnement progressent de 3 % par rapport à l'année dernière."
LIST = ["Rénovation des cantines.", "Ordinateurs pour les élèves de sixième."]
UNDER_TABLE = "Les travaux commenceront au printemps, pendant les vacances scolaires."


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.author = "Marie Durand"
    document.core_properties.created = dt.datetime(2026, 11, 12, 9, 30)
    document.add_heading("Collèges : un budget en hausse", level=0)
    document.add_paragraph(LEAD)
    document.add_paragraph(SECOND)
    document.add_heading("Les priorités", level=1)
    for item in LIST:
        document.add_paragraph(item, style="List Bullet")
    document.add_heading("Le calendrier", level=1)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(
        table.rows, [("Collège", "Début"), ("Jean-Moulin", "Avril")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph(UNDER_TABLE)
    document.save(str(path))
    return path


def test_headings_become_sections_and_text_is_kept(tmp_path: Path) -> None:
    parsed = parse_file(write_docx(tmp_path / "budget.docx"))
    assert parsed.title == "Collèges : un budget en hausse"
    authored = [s for s in parsed.sections if not s.title_inferred]
    assert [s.title for s in authored] == ["Les priorités", "Le calendrier"]
    assert [p.text for p in parsed.sections[0].paragraphs] == [LEAD, SECOND]
    assert [p.text for p in authored[0].paragraphs] == LIST
    assert [p.text for p in authored[1].paragraphs] == [
        "Collège ; Début",
        "Jean-Moulin ; Avril",
        UNDER_TABLE,
    ]
    assert (parsed.metadata.author, parsed.metadata.date) == ("Marie Durand", "2026-11-12")


def test_a_docx_in_a_folder_is_built(tmp_path: Path, fake_engine: FakeEngine) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_docx(folder / "budget.docx")
    report = build(
        [folder], BuildOptions(out_dir=tmp_path / "out", engine="fake", formats=("transcript",))
    )
    assert not report.failed
    vtt = next(p for p in report.results[0].outputs if p.suffix == ".vtt").read_text("utf-8")
    assert "Jean-Moulin ; Avril" in vtt


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 600, BinaryInputError, "old Word document"),
        (b"PK\x03\x04 not really a zip", InputError, "not a zip archive"),
        (b"", EmptyInputError, "empty"),
    ],
)
def test_unreadable_word_files_get_a_clear_error(
    tmp_path: Path, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(error, match=message):
        parse_file(path)


def test_a_docx_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vide.docx"
    docx.Document().save(str(path))
    with pytest.raises(EmptyInputError):
        parse_file(path)


def test_the_size_limit_applies(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "budget.docx")
    # A document with pictures may be bigger than an article's text limit...
    assert parse_file(path, max_bytes=1000).title == "Collèges : un budget en hausse"
    # ...but not without bound (a sparse file: nothing is written to disk).
    huge = tmp_path / "enorme.docx"
    with huge.open("wb") as handle:
        handle.truncate(CONTAINER_MAX_BYTES + 1)
    with pytest.raises(InputTooLargeError):
        parse_file(huge)
