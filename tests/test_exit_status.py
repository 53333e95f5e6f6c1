"""Every error of the exception tree has its exit code, the one README promises, and the
command line exits with it."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter import errors
from exporter.cli import cli
from exporter.errors import EngineError, ExporterError, InputError
from exporter.exporters import _REGISTRY, ExportContext, exporter_names, register_exporter
from exporter.status import ExitStatus
from tests.conftest import ROOT

#: README's policy, written out here independently of exporter/status.py.
DOCUMENTED = {
    "ExporterError": 5,
    "InputError": 3,
    "EmptyInputError": 3,
    "BinaryInputError": 3,
    "EncodingError": 3,
    "InputTooLargeError": 3,
    "UnsupportedFormatError": 3,
    "EngineError": 4,
    "EngineNotFoundError": 4,
    "EngineUnavailableError": 4,
    "SynthesisError": 4,
    "ExportError": 5,
    "ExporterNotFoundError": 5,
    "BuildFolderBusyError": 7,
    "ValidatorError": 8,
    "ConfigError": 6,
}


def _error_classes() -> list[type[ExporterError]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, ExporterError)
    ]


def _instance(cls: type[ExporterError]) -> ExporterError:
    if issubclass(cls, InputError):
        return cls("article.txt", f"raised as {cls.__name__}")
    if issubclass(cls, EngineError):
        return cls("voice", f"raised as {cls.__name__}")
    return cls(f"raised as {cls.__name__}")


def test_every_error_class_has_a_documented_exit_status() -> None:
    classes = _error_classes()
    assert {cls.__name__ for cls in classes} == set(DOCUMENTED), "a new error needs its code"
    for cls in classes:
        assert isinstance(cls.exit_status, ExitStatus), cls
        assert cls.exit_status == DOCUMENTED[cls.__name__], cls


def test_readme_lists_every_exit_status() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Exit codes (`exporter/status.py`)") :].split("\n\n")[0]
    paragraph = paragraph.split("Each exception class")[0]
    listed = {int(code) for code in re.findall(r"(?:^|[:;] ?\n?)(\d+) ", paragraph, re.M)}
    assert listed == {int(status) for status in ExitStatus}


class _Raising:
    description = "raises an error, for the test"

    def __init__(self, error: ExporterError) -> None:
        self.name = "raising"
        self._error = error

    def export(self, context: ExportContext) -> list[Path]:
        (context.out_dir / "half-written.txt").write_text("partial", encoding="utf-8")
        raise self._error


@pytest.fixture
def raising_format() -> Iterator[None]:
    exporter_names()  # the built-ins first, as for any plug-in
    yield
    _REGISTRY.pop("raising", None)


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda cls: cls.__name__)
def test_the_cli_exits_with_the_error_s_status(
    cls: type[ExporterError], tmp_path: Path, raising_format: None
) -> None:
    error = _instance(cls)
    register_exporter("raising", lambda: _Raising(error))
    article = tmp_path / "article.txt"
    article.write_text("Titre\n\nUne phrase.\n", encoding="utf-8")
    out = tmp_path / "build"
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["build", str(article), "--out", str(out), "--formats", "raising"]
    )
    assert result.exit_code == DOCUMENTED[cls.__name__]
    assert f"raised as {cls.__name__}" in result.stderr
    assert not any(path.is_file() for path in out.rglob("*"))  # nothing half-written
