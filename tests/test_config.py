"""Layered settings: project file < environment < flags; the project lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.status import ExitStatus
from tests.conftest import SEED, FakeEngine


def _build(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(
        cli,
        ["build", str(SEED), "--out", str(tmp_path / "out"), *args],
        env=env,
        catch_exceptions=False,
    )
    return result.exit_code, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exporter.toml").write_text(
        '[build]\nengine = "fake"\nformats = "mp3"\n', encoding="utf-8"
    )
    return tmp_path


def test_project_file_sets_the_defaults(project: Path, fake_engine: FakeEngine) -> None:
    code, stderr = _build(project)
    assert code == 0, stderr
    assert fake_engine.calls  # the project's engine was used
    assert [p.suffix for p in (project / "out").rglob("*.*")] == [".mp3"]


def test_environment_beats_the_file_and_flags_beat_both(
    project: Path, fake_engine: FakeEngine
) -> None:
    code, stderr = _build(project, env={"EXPORTER_ENGINE": "nope"})
    assert code == ExitStatus.ENGINE_ERROR and "nope" in stderr
    code, stderr = _build(project, "--engine", "fake", env={"EXPORTER_ENGINE": "nope"})
    assert code == 0, stderr


def test_project_lexicon_is_used(project: Path, fake_engine: FakeEngine) -> None:
    (project / "lexicon.toml").write_text('[words]\n"Beijing" = "Pékin"\n', encoding="utf-8")
    code, stderr = _build(project)
    assert code == 0, stderr
    assert any("Pékin" in call for call in fake_engine.calls)
    assert not any("Beijing" in call for call in fake_engine.calls)


def test_broken_config_and_lexicon_are_config_errors(project: Path) -> None:
    (project / "exporter.toml").write_text("[build\n", encoding="utf-8")
    code, stderr = _build(project)
    assert code == ExitStatus.CONFIG_ERROR and "exporter.toml" in stderr
    (project / "exporter.toml").write_text("", encoding="utf-8")
    code, stderr = _build(project, "--lexicon", str(project / "missing.pls"))
    assert code == ExitStatus.CONFIG_ERROR and "missing.pls" in stderr


def test_the_readmes_lexicon_key_is_used(project: Path, fake_engine: FakeEngine) -> None:
    (project / "names.toml").write_text('[words]\n"Brest" = "Brèste"\n', encoding="utf-8")
    (project / "exporter.toml").write_text(
        '[build]\nengine = "fake"\nformats = "mp3"\nlexicon = ["names.toml"]\n', encoding="utf-8"
    )
    article = project / "a.txt"
    article.write_text("Brest\n\nIl pleut à Brest.\n", encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["build", str(article), "--out", str(project / "out")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert any("Brèste" in call for call in fake_engine.calls)
    assert not any("Brest" in call for call in fake_engine.calls)


@pytest.mark.parametrize(
    "content,named,suggested",
    [
        ('[build]\nengnie = "pico"\n', "engnie", "engine"),
        ('[build]\nlexicn = ["x.toml"]\n', "lexicn", "lexicon"),
        ('[biuld]\nengine = "pico"\n', "biuld", "build"),
    ],
)
def test_an_unknown_setting_is_an_error_naming_the_nearest_one(
    project: Path, content: str, named: str, suggested: str
) -> None:
    (project / "exporter.toml").write_text(content, encoding="utf-8")
    code, stderr = _build(project)
    assert code == ExitStatus.CONFIG_ERROR
    assert named in stderr and f"'{suggested}'" in stderr
