"""With no engine named, the most natural installed voice reads: Kokoro, else Pico."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.errors import EngineUnavailableError
from exporter.narration.engines import (
    _REGISTRY,
    Availability,
    EngineInfo,
    create_engine,
    get_engine_info,
)
from tests.conftest import FakeEngine

ARTICLE = "Un titre\n\nLa délégation a pris la parole mercredi.\n"


def _replace(monkeypatch: pytest.MonkeyPatch, name: str, *, usable: bool) -> list[FakeEngine]:
    """Put a stand-in under ``name`` (the real engine must not run in this test)."""
    made: list[FakeEngine] = []

    def factory() -> FakeEngine:
        engine = FakeEngine()
        made.append(engine)
        return engine

    get_engine_info(name)  # loads the built-in engines before one is replaced
    monkeypatch.setitem(
        _REGISTRY,
        name,
        EngineInfo(
            name=name,
            description=f"stand-in for {name}",
            offline=True,
            factory=factory,  # type: ignore[arg-type]
            probe=lambda: Availability(usable=usable, reason="" if usable else "not installed"),
        ),
    )
    return made


def _build(tmp_path: Path, *extra: str) -> tuple[int, str]:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        ["build", str(article), "--out", str(tmp_path / "out"), "--formats", "mp3", *extra],
        catch_exceptions=False,
        env={"EXPORTER_ENGINE": None},
    )
    return result.exit_code, result.stderr


def test_kokoro_reads_when_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kokoro = _replace(monkeypatch, "kokoro", usable=True)
    pico = _replace(monkeypatch, "pico", usable=True)
    code, stderr = _build(tmp_path)
    assert code == 0, stderr
    assert "engine: kokoro" in stderr
    assert kokoro and kokoro[0].calls and not pico


def test_pico_reads_when_kokoro_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "kokoro", usable=False)
    pico = _replace(monkeypatch, "pico", usable=True)
    code, stderr = _build(tmp_path)
    assert code == 0, stderr
    assert "engine: pico" in stderr
    assert pico and pico[0].calls


def test_a_named_engine_is_used_without_a_choice_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kokoro = _replace(monkeypatch, "kokoro", usable=True)
    pico = _replace(monkeypatch, "pico", usable=True)
    code, stderr = _build(tmp_path, "--engine", "pico")
    assert code == 0, stderr
    assert "engine:" not in stderr
    assert pico and not kokoro


def test_no_usable_engine_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "kokoro", usable=False)
    _replace(monkeypatch, "pico", usable=False)
    with pytest.raises(EngineUnavailableError, match="kokoro: not installed; pico: not installed"):
        create_engine("auto")


def test_engines_lists_the_order_of_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "kokoro", usable=False)
    result = CliRunner(mix_stderr=False).invoke(cli, ["engines"], catch_exceptions=False)
    lines = result.stdout.splitlines()
    names = [line.split(" ")[0].rstrip(":") for line in lines]
    assert names.index("kokoro") < names.index("pico")
    kokoro_line, pico_line = lines[names.index("kokoro")], lines[names.index("pico")]
    assert "choice 1" in kokoro_line and "default here" not in kokoro_line
    assert "choice 2" in pico_line and "default here" in pico_line


def test_a_text_only_build_needs_no_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "kokoro", usable=False)
    _replace(monkeypatch, "pico", usable=False)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        ["build", str(article), "--out", str(tmp_path / "out"), "--formats", "epub-text"],
        catch_exceptions=False,
        env={"EXPORTER_ENGINE": None},
    )
    assert result.exit_code == 0, result.stderr
    assert "engine:" not in result.stderr
