"""What registrations declare: a format's text-only variant, an engine's installer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.exporters import _REGISTRY as FORMATS
from exporter.exporters import ExportContext, exporter_names, format_for, register_exporter
from exporter.narration.engines import _REGISTRY as ENGINES
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.options import BuildOptions
from exporter.pipeline import build
from tests.conftest import SEED, FakeEngine


class _Writes:
    description = "writes one file named after the format, for the test"

    def __init__(self, name: str) -> None:
        self.name = name

    def export(self, context: ExportContext) -> list[Path]:
        path = context.out_dir / f"{self.name}.txt"
        path.write_text(context.document.title, encoding="utf-8")
        return [path]


@pytest.fixture
def voiced_format() -> Iterator[None]:
    """A plug-in format that needs the narration and declares a text-only variant."""
    exporter_names()
    register_exporter("voiced", lambda: _Writes("voiced"), narrated=True, text_only="silent")
    register_exporter("silent", lambda: _Writes("silent"))
    yield
    FORMATS.pop("voiced", None)
    FORMATS.pop("silent", None)


def test_without_overlays_the_declared_text_only_variant_is_written(
    tmp_path: Path, voiced_format: None
) -> None:
    # An engine that does not exist: the text-only variant must not need one.
    options = BuildOptions(
        out_dir=tmp_path, engine="no-such-engine", formats=("voiced",), overlays=False
    )
    (result,) = build([SEED], options).results
    assert result.error is None
    assert [path.name for path in result.outputs] == ["silent.txt"]


def test_with_overlays_the_format_itself_is_written(tmp_path: Path, voiced_format: None) -> None:
    (result,) = build([SEED], BuildOptions(out_dir=tmp_path, formats=("voiced",))).results
    assert [path.name for path in result.outputs] == ["voiced.txt"]


def test_the_epub_declares_its_text_only_variant_and_audio_formats_keep_theirs() -> None:
    assert format_for("epub", narration=False) == "epub-text"
    assert format_for("epub", narration=True) == "epub"
    assert format_for("mp3", narration=False) == "mp3"  # nothing else to write instead


# --- Engine installers ----------------------------------------------------------------


def _install_demo(*, data_dir: Path | None = None, source_dir: Path | None = None) -> Path:
    assert data_dir is not None
    data_dir.mkdir(parents=True, exist_ok=True)
    origin = "offline copy" if source_dir else "registry"
    (data_dir / "voice.bin").write_text(origin, encoding="utf-8")
    return data_dir


@pytest.fixture
def installable_engine() -> Iterator[str]:
    register_engine(
        EngineInfo(
            name="demo",
            description="an engine with an installer, for the test",
            offline=True,
            factory=FakeEngine,
            probe=lambda: Availability(usable=False, reason="not installed"),
            installer=_install_demo,
        )
    )
    yield "demo"
    ENGINES.pop("demo", None)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_engines_install_runs_the_installer_the_engine_declares(
    tmp_path: Path, installable_engine: str
) -> None:
    target = tmp_path / "demo-data"
    code, stdout, stderr = _run("engines", "install", installable_engine, "--data-dir", str(target))
    assert code == 0, stderr
    assert (target / "voice.bin").read_text(encoding="utf-8") == "registry"
    assert str(target) in stdout
    code, _, stderr = _run(
        "engines", "install", installable_engine, "--data-dir", str(target), "--from", str(tmp_path)
    )
    assert code == 0, stderr
    assert (target / "voice.bin").read_text(encoding="utf-8") == "offline copy"


def test_engines_install_refuses_an_engine_without_installer(installable_engine: str) -> None:
    code, _, stderr = _run("engines", "install", "pico")
    assert code == 2
    assert "'pico'" in stderr and "'demo'" in stderr and "'kokoro'" in stderr


def test_a_failed_kokoro_install_says_how_to_run_it_again(tmp_path: Path) -> None:
    empty = tmp_path / "downloads"
    empty.mkdir()
    code, _, stderr = _run(
        "engines", "install", "kokoro", "--from", str(empty), "--data-dir", str(tmp_path / "k")
    )
    assert code == 4
    assert "is missing" in stderr
    assert "hint: Run 'exporter engines install kokoro' again." in stderr
