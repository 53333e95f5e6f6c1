"""What cannot be written or read is a one-line error with its path and exit status, never a
traceback; a broken cache only costs time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from exporter.cli import cli
from exporter.status import ExitStatus
from tests.conftest import ROOT, FakeEngine

ARTICLE = "Un titre\n\nLe conseil municipal a voté le budget. Les parents sont contents.\n"


def _exporter(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *args],
        cwd=cwd,
        env=os.environ | {"PYTHONPATH": str(ROOT)} | (env or {}),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_output_folder_under_a_file_is_exit_5_with_its_path(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = _exporter(
        "build",
        str(article),
        "--out",
        str(blocker / "build"),
        "--formats",
        "epub-text",
        cwd=tmp_path,
    )
    assert result.returncode == ExitStatus.EXPORT_ERROR, result.stderr
    assert "Traceback" not in result.stderr
    assert str(blocker) in result.stderr and "hint:" in result.stderr


def test_a_latin1_lexicon_is_a_setting_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    lexicon = tmp_path / "lexique.toml"
    lexicon.write_bytes('[words]\n"Noël" = "No-elle"\n'.encode("latin-1"))
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        [
            "build",
            str(article),
            "--out",
            str(tmp_path / "out"),
            "--lexicon",
            str(lexicon),
            "--formats",
            "epub-text",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert "lexique.toml" in result.stderr and "UTF-8" in result.stderr


def test_a_cache_folder_that_is_a_file_only_costs_time(
    tmp_path: Path, fake_engine: FakeEngine, monkeypatch: object
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("", encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        [
            "build",
            str(article),
            "--out",
            str(tmp_path / "out"),
            "--engine",
            "fake",
            "--formats",
            "mp3",
        ],
        env={"EXPORTER_CACHE_DIR": str(not_a_folder)},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "a" / "a.mp3").is_file()
