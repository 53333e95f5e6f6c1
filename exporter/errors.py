"""One exception tree for the whole tool.

Every error the library raises on purpose derives from :class:`ExporterError`; the CLI
translates them, at one boundary, into a one-line message and an exit code. Each class
carries its exit code (:attr:`ExporterError.exit_status`, see :mod:`exporter.status`).

    ExporterError
    ├── InputError            the article cannot be read or holds no text
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── EncodingError
    │   ├── InputTooLargeError
    │   └── UnsupportedFormatError
    ├── EngineError           a narration engine is missing or failed
    │   ├── EngineNotFoundError
    │   ├── EngineUnavailableError
    │   └── SynthesisError
    ├── ExportError           an output could not be written
    │   ├── ExporterNotFoundError
    │   └── BuildFolderBusyError  another batch is writing into the same folder
    ├── ValidatorError        a validator (EPUBCheck, Ace) is missing or crashed
    └── ConfigError           a setting or option is wrong
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from exporter.status import ExitStatus


class ExporterError(Exception):
    """Base class of every error this package raises on purpose."""

    #: What the user can do about it; the CLI prints it after the message.
    hint: str = ""
    #: The command-line tool's exit code for this error.
    exit_status: ClassVar[ExitStatus] = ExitStatus.EXPORT_ERROR

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class InputError(ExporterError):
    """An input article cannot be used."""

    exit_status = ExitStatus.INPUT_ERROR

    def __init__(self, path: Path | str, cause: str, *, hint: str = "") -> None:
        self.path = Path(path)
        self.cause = cause
        super().__init__(f"{path}: {cause}", hint=hint)


class EmptyInputError(InputError):
    hint = "Give a file that contains the article's text."


class BinaryInputError(InputError):
    hint = "Give a plain-text, Markdown or HTML article, not a binary file."


class EncodingError(InputError):
    hint = "Save the file as UTF-8 and try again."


class InputTooLargeError(InputError):
    hint = "Split the article, or raise the limit with --max-bytes."


class UnsupportedFormatError(InputError):
    hint = "Use a .txt, .md, .html or .docx file, an .epub, or an http(s) address."


class EngineError(ExporterError):
    """A narration engine cannot be used or failed."""

    exit_status = ExitStatus.ENGINE_ERROR

    def __init__(self, engine: str, message: str, *, hint: str = "") -> None:
        self.engine = engine
        super().__init__(f"engine '{engine}': {message}", hint=hint)


class EngineNotFoundError(EngineError):
    hint = "Run 'exporter engines' to list the engines you can use."


class EngineUnavailableError(EngineError):
    pass


class SynthesisError(EngineError):
    pass


class ExportError(ExporterError):
    """An output could not be produced."""

    exit_status = ExitStatus.EXPORT_ERROR


class ExporterNotFoundError(ExportError):
    hint = "Choose among the formats listed by 'exporter build --help'."


class BuildFolderBusyError(ExportError):
    """Another batch is writing into the same build folder."""

    exit_status = ExitStatus.BUSY

    hint = (
        "Wait for it to finish, run again with --wait to queue behind it, "
        "or give another --out folder."
    )


class ValidatorError(ExporterError):
    """A validator is not installed, or crashed without a report."""

    exit_status = ExitStatus.VALIDATOR_ERROR


class ConfigError(ExporterError):
    """A setting is wrong."""

    exit_status = ExitStatus.CONFIG_ERROR
