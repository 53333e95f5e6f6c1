"""The command line as a user runs it: outputs, messages, exit codes, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from exporter.cli import cli
from exporter.status import ExitStatus
from tests.conftest import SEED, FakeEngine


def _run(*args: str) -> tuple[int, str, str]:
    # gTTS pins click < 8.2, where stderr is only kept apart with mix_stderr=False.
    result = CliRunner(mix_stderr=False).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_build_writes_a_chaptered_mp3(tmp_path: Path, fake_engine: FakeEngine) -> None:
    out = tmp_path / "build"
    code, stdout, stderr = _run(
        "build", str(SEED), "--out", str(out), "--engine", "fake", "--formats", "mp3"
    )
    assert code == 0, stderr
    mp3 = out / "chine-cooperation-securite-ia" / "chine-cooperation-securite-ia.mp3"
    assert stdout.strip() == str(mp3)
    assert _files(out) == ["chine-cooperation-securite-ia/chine-cooperation-securite-ia.mp3"]
    from exporter.parsers import parse_file

    document = parse_file(SEED)
    chapters = ID3(mp3).getall("CHAP")
    assert len(chapters) == len(document.sections)
    # The fake voice reads ~15 characters a second: the file is as long as the text.
    characters = len(document.title) + sum(len(s.text) for s in document.sentences())
    assert 12 <= characters / MP3(mp3).info.length <= 18
    assert "chine-cooperation-securite-ia.txt: mp3" in stderr


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "white space"),
        (b"%PDF-1.4 \x00\x01\x02", "binary"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
    ],
)
def test_bad_input_one_line_error_and_nothing_written(
    tmp_path: Path, content: bytes, cause: str
) -> None:
    article = tmp_path / "broken.txt"
    article.write_bytes(content)
    out = tmp_path / "build"
    code, stdout, stderr = _run("build", str(article), "--out", str(out), "--formats", "mp3")
    assert code == ExitStatus.INPUT_ERROR
    [error_line] = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "broken.txt" in error_line and cause in error_line
    assert stdout == ""
    assert not out.exists() or _files(out) == []


def test_one_bad_article_does_not_stop_the_others(tmp_path: Path, fake_engine: FakeEngine) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-bad.txt").write_bytes(b"")
    (folder / "b-good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "build"
    code, _, stderr = _run(
        "build", str(folder), "--out", str(out), "--engine", "fake", "--formats", "mp3"
    )
    assert code == ExitStatus.PARTIAL_FAILURE
    assert "1 of 2 articles failed" in stderr
    assert _files(out) == ["b-good/b-good.mp3"]


def test_engine_failure_names_the_engine_and_leaves_nothing(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    def broken(text: str) -> bytes:
        if len(fake_engine.calls) > 3:
            raise RuntimeError("voice crashed")
        fake_engine.calls.append(text)
        return b"\x10\x00" * 1600

    fake_engine.synthesize = broken  # type: ignore[method-assign]
    out = tmp_path / "build"
    code, _, stderr = _run(
        "build", str(SEED), "--out", str(out), "--engine", "fake", "--formats", "mp3"
    )
    assert code == ExitStatus.ENGINE_ERROR
    assert "engine 'fake'" in stderr and "voice crashed" in stderr
    assert _files(out) == []


def test_unknown_engine_and_format(tmp_path: Path) -> None:
    code, _, stderr = _run(
        "build", str(SEED), "--out", str(tmp_path), "--engine", "nope", "--formats", "mp3"
    )
    assert code == ExitStatus.ENGINE_ERROR
    assert "exporter engines" in stderr
    code, _, stderr = _run("build", str(SEED), "--out", str(tmp_path), "--formats", "mp3,pdf")
    assert code == ExitStatus.CONFIG_ERROR
    assert "pdf" in stderr


def test_missing_path(tmp_path: Path) -> None:
    code, _, stderr = _run("build", str(tmp_path / "nowhere.txt"))
    assert code == ExitStatus.INPUT_ERROR
    assert "nowhere.txt" in stderr


def test_engines_lists_pico_as_usable_fallback() -> None:
    code, stdout, _ = _run("engines")
    assert code == 0
    pico = next(line for line in stdout.splitlines() if line.startswith("pico"))
    assert "choice 2" in pico and "usable" in pico and "offline" in pico
    assert any(line.startswith("gtts") and "needs internet" in line for line in stdout.splitlines())
