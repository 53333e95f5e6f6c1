"""Narrating existing EPUBs (2 and 3): the publisher's book, with synchronised narration."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from mutagen.id3 import ID3

from exporter.check.readers import ffmpeg_chapter_titles
from exporter.check.validators import ace_status, epubcheck_status, run_ace, run_epubcheck
from exporter.errors import InputError
from exporter.pipeline import BuildOptions, BuildReport, build
from tests.conftest import FakeEngine
from tests.epub_helpers import require
from tests.epub_input_fixtures import (
    EMPHASIS,
    NAV_LABELS,
    PUBLISHER_SUMMARY,
    make_epub2,
    make_epub3,
)

SMIL = "{http://www.w3.org/ns/SMIL}"
OPF = "{http://www.idpf.org/2007/opf}"


def convert(source: Path, out: Path, formats: tuple[str, ...] = ("epub", "mp3")) -> BuildReport:
    return build([source], BuildOptions(out_dir=out, engine="fake", formats=formats))


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(files: dict[str, bytes]) -> etree._Element:
    container = etree.fromstring(files["META-INF/container.xml"])
    return etree.fromstring(files[container.find(".//{*}rootfile").get("full-path")])


def words(xhtml: bytes) -> list[str]:
    body = etree.fromstring(xhtml).find("{http://www.w3.org/1999/xhtml}body")
    return " ".join(body.itertext()).split()


def ids(xhtml: bytes) -> set[str]:
    return {str(e.get("id")) for e in etree.fromstring(xhtml).iter() if e.get("id")}


@pytest.fixture(params=["epub3", "epub2"])
def narrated(
    request: pytest.FixtureRequest, tmp_path: Path, fake_engine: FakeEngine
) -> tuple[dict[str, bytes], dict[str, bytes], BuildReport]:
    make = make_epub3 if request.param == "epub3" else make_epub2
    source = make(tmp_path / f"livre-{request.param}.epub")
    report = convert(source, tmp_path / "out", ("epub", "mp3", "m4b"))
    assert not report.failed, report.failed[0].error
    (epub_path,) = [p for p in report.results[0].outputs if p.suffix == ".epub"]
    return entries(source), entries(epub_path), report


def test_the_publishers_files_are_kept(narrated: tuple[dict[str, bytes], ...]) -> None:
    original, result, _ = narrated
    opf = package(original)
    xhtml = {name for name in original if name.endswith(".xhtml") and b"<nav" not in original[name]}
    assert set(original) <= set(result)
    for name, data in original.items():
        if name in xhtml:
            # The text reads the same and every id the publisher gave is still there.
            assert words(result[name]) == words(data), name
            assert ids(data) <= ids(result[name]), name
        elif not name.endswith(".opf"):
            assert result[name] == data, name  # CSS, images, navigation, NCX: untouched
    assert opf is not None


def test_every_sentence_is_synchronised_with_audio(narrated: tuple[dict[str, bytes], ...]) -> None:
    _, result, _ = narrated
    opf = package(result)
    assert opf.get("version") == "3.0"
    smil_names = [n for n in result if n.endswith(".smil")]
    assert len(smil_names) == 4  # one per chapter page
    pointed = []
    for name in smil_names:
        smil = etree.fromstring(result[name])
        folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for par in smil.iter(f"{SMIL}par"):
            page, _, element_id = par.find(f"{SMIL}text").get("src").partition("#")
            assert element_id in ids(result[folder + page])
            audio = par.find(f"{SMIL}audio")
            assert folder + audio.get("src") in result
            pointed.append(element_id)
    # The paragraph with inline markup is one unit, its markup intact.
    quote = next(name for name in result if name.endswith("ch1.xhtml"))
    assert "quote" in pointed
    assert b"<em>souffle</em>" in result[quote]
    durations = [m for m in opf.iter(f"{OPF}meta") if m.get("property") == "media:duration"]
    assert len(durations) == len(smil_names) + 1


def test_one_audio_chapter_per_navigation_entry(narrated: tuple[object, ...]) -> None:
    _, _, report = narrated
    assert isinstance(report, BuildReport)
    outputs = {path.suffix: path for path in report.results[0].outputs}
    chapters = sorted(ID3(outputs[".mp3"]).getall("CHAP"), key=lambda chapter: chapter.start_time)
    assert [str(chapter.sub_frames["TIT2"]) for chapter in chapters] == NAV_LABELS
    assert ffmpeg_chapter_titles(outputs[".m4b"]) == NAV_LABELS


def test_accessibility_metadata_is_kept_and_completed(
    narrated: tuple[dict[str, bytes], ...],
) -> None:
    original, result, _ = narrated
    opf = package(result)

    def values(prop: str) -> list[str]:
        return [m.text or "" for m in opf.iter(f"{OPF}meta") if m.get("property") == prop]

    assert "auditory" in values("schema:accessMode")
    assert "textual" in values("schema:accessMode")
    assert "synchronizedAudioText" in values("schema:accessibilityFeature")
    assert values("schema:accessibilityHazard")
    if PUBLISHER_SUMMARY.encode() in next(v for k, v in original.items() if k.endswith(".opf")):
        assert values("schema:accessibilitySummary") == [PUBLISHER_SUMMARY]
    assert not [a for e in opf.iter() for a in e.attrib if str(a).startswith(OPF)]


def test_an_epub2_gets_a_navigation_document_from_its_ncx(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    report = convert(make_epub2(tmp_path / "ancien.epub"), tmp_path / "out", ("epub",))
    result = entries(report.results[0].outputs[0])
    opf = package(result)
    nav_item = next(i for i in opf.iter(f"{OPF}item") if "nav" in (i.get("properties") or ""))
    nav = etree.fromstring(result["OEBPS/" + nav_item.get("href")])
    links = [" ".join(a.itertext()) for a in nav.iter("{http://www.w3.org/1999/xhtml}a")]
    assert links == NAV_LABELS
    nested = nav.findall(".//{*}li/{*}ol/{*}li")
    assert len(nested) == 2  # Le port and Le marché, under Première partie
    assert b"<!DOCTYPE html>" in result["OEBPS/Text/ch1.xhtml"]


def test_emphasis_paragraph_text_is_read(tmp_path: Path, fake_engine: FakeEngine) -> None:
    convert(make_epub3(tmp_path / "livre.epub"), tmp_path / "out", ("epub",))
    spoken = " ".join(fake_engine.calls)
    assert re.sub(r"<[^>]+>", "", EMPHASIS) in spoken


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda f: f.update({"META-INF/encryption.xml": b"<encryption/>"}), "encrypted"),
        (lambda f: f.update({"EPUB/audio.mp3": b""}) or None, None),
        (lambda f: f.pop("META-INF/container.xml"), "no META-INF/container.xml"),
    ],
)
def test_books_that_cannot_be_narrated_are_refused(
    tmp_path: Path, fake_engine: FakeEngine, mutate: object, message: str | None
) -> None:
    files = entries(make_epub3(tmp_path / "livre.epub"))
    if message is None:  # a book that already has audio in its manifest
        opf_name = next(n for n in files if n.endswith(".opf"))
        files[opf_name] = files[opf_name].replace(
            b"</manifest>",
            b'<item id="a" href="a.mp3" media-type="audio/mpeg"/></manifest>',
        )
        message = "already has audio"
    else:
        mutate(files)  # type: ignore[operator]
    broken = tmp_path / "abime.epub"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    out = tmp_path / "out"
    report = convert(broken, out)
    (result,) = report.results
    assert isinstance(result.error, InputError)
    assert message in str(result.error)
    assert not (out / "abime").exists()


@pytest.mark.validators
@pytest.mark.parametrize("make", [make_epub3, make_epub2], ids=["epub3", "epub2"])
def test_narrated_books_pass_epubcheck_and_ace(
    tmp_path: Path, fake_engine: FakeEngine, make: Callable[[Path], Path]
) -> None:
    require(epubcheck_status())
    require(ace_status())
    source = make(tmp_path / "livre.epub")
    assert run_epubcheck(source).passed  # the fixture itself is a valid book
    (epub_path,) = convert(source, tmp_path / "out", ("epub",)).results[0].outputs
    for result in (run_epubcheck(epub_path), run_ace(epub_path)):
        assert result.passed and result.problems == 0, [m.message for m in result.messages]
