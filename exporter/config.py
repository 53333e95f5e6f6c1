"""Layered configuration: packaged defaults < project file < environment < flags.

The project file is ``exporter.toml`` in the current folder (or the one named by
``--config`` / ``EXPORTER_CONFIG``); each table configures the command of the same name,
with the same option names as the command line::

    [build]
    engine = "kokoro"
    formats = "mp3,epub,summary"
    lexicon = ["lexicon.toml"]

The CLI hands these to click as its ``default_map``, so environment variables
(``EXPORTER_ENGINE``...) and flags still override them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from exporter.errors import ConfigError

PROJECT_FILE = "exporter.toml"
#: Per-project pronunciation lexicon picked up when present.
PROJECT_LEXICON = "lexicon.toml"


def load_project_config(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The command defaults from the project file; {} when there is none."""
    explicit = path is not None
    path = path or Path(PROJECT_FILE)
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: no such configuration file")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration ({error})") from error
    commands: dict[str, dict[str, Any]] = {}
    for command, options in data.items():
        if not isinstance(options, dict):
            raise ConfigError(f"{path}: '{command}' should be a table like [build]")
        commands[command] = {key.replace("-", "_"): value for key, value in options.items()}
    return commands


def default_lexicons() -> tuple[Path, ...]:
    candidate = Path(PROJECT_LEXICON)
    return (candidate,) if candidate.exists() else ()
