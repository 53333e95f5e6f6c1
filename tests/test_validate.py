"""The validators themselves: they must find problems, and say how to install them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from ebooklib import epub

from exporter.check.validators import (
    ValidatorStatus,
    ace_executable,
    ace_status,
    epubcheck_status,
    project_root,
    run_ace,
    run_epubcheck,
)
from exporter.errors import ValidatorError
from exporter.model import Document, Paragraph, Section, Sentence
from tests.epub_helpers import build_epub, require


def small_document() -> Document:
    sentences = (Sentence(id="s1-p1-s1", text="Le conseil municipal a voté le budget."),)
    paragraph = Paragraph(id="s1-p1", sentences=sentences)
    section = Section(id="s1", title="Le vote", paragraphs=(paragraph,))
    return Document(title="Budget voté", sections=(section,))


def without_member(source: Path, member: str, target: Path) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if not info.filename.endswith(member):
                copy.writestr(info, original.read(info.filename))
    return target


def plain_ebooklib_book(path: Path) -> Path:
    """What ebooklib writes by default: valid EPUB, but no accessibility metadata."""
    book = epub.EpubBook()
    book.set_title("Budget voté")
    book.set_language("fr")
    chapter = epub.EpubHtml(title="Le vote", file_name="vote.xhtml", lang="fr")
    chapter.content = "<h1>Le vote</h1><p>Le conseil municipal a voté le budget.</p>"
    book.add_item(chapter)
    book.add_item(epub.EpubNav())
    book.add_item(epub.EpubNcx())
    book.toc = [chapter]
    book.spine = ["nav", chapter]
    epub.write_epub(str(path), book, {"raise_exceptions": True, "epub3_pages": False})
    return path


def test_a_missing_ace_is_reported_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EXPORTER_ACE", str(tmp_path / "no-such-ace"))
    status = ace_status()
    assert not status.installed
    assert "install-validators.sh" in status.install_command
    with pytest.raises(ValidatorError) as raised:
        run_ace(tmp_path / "book.epub")
    assert status.install_command in raised.value.hint


def test_exporter_ace_points_at_the_ace_to_use(tmp_path: Path) -> None:
    ace = tmp_path / "my-ace"
    ace.write_text("#!/bin/sh\n", encoding="utf-8")
    assert ace_executable({"EXPORTER_ACE": str(ace)}) == ace


def test_the_install_scripts_ace_is_sought_in_the_checkout_wherever_we_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """scripts/install-validators.sh puts Ace under the checkout's .tools/: found from
    any working directory."""
    monkeypatch.chdir(tmp_path)
    assert project_root() == Path(__file__).resolve().parents[1]


@pytest.mark.validators
def test_epubcheck_reports_a_book_with_a_missing_chapter(tmp_path: Path) -> None:
    require(epubcheck_status())
    good = build_epub(small_document(), tmp_path)
    broken = without_member(good, "section-001.xhtml", tmp_path / "broken.epub")
    result = run_epubcheck(broken)
    assert not result.passed
    assert result.errors + result.fatal > 0
    assert any("section-001.xhtml" in message.message for message in result.messages)


@pytest.mark.validators
def test_ace_reports_a_book_without_accessibility_metadata(tmp_path: Path) -> None:
    require(ace_status())
    result = run_ace(plain_ebooklib_book(tmp_path / "plain.epub"))
    assert not result.passed
    codes = {message.code for message in result.messages}
    assert {"epub-lang", "metadata-accessmode", "metadata-accessibilityhazard"} <= codes
    assert result.errors > 0


def test_a_missing_validator_fails_when_validators_are_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = ValidatorStatus(
        name="ace", installed=False, detail="missing: ace-cli", install_command="sh install-it"
    )
    monkeypatch.setenv("EXPORTER_REQUIRE_VALIDATORS", "1")
    with pytest.raises(pytest.fail.Exception, match="sh install-it"):
        require(missing)
    monkeypatch.delenv("EXPORTER_REQUIRE_VALIDATORS")
    with pytest.raises(pytest.skip.Exception, match="sh install-it"):
        require(missing)
