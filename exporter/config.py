"""Layered configuration: packaged defaults < project file < environment < flags.

The project file is ``exporter.toml`` in the current folder (or the one named by
``--config`` / ``EXPORTER_CONFIG``); each table configures the command of the same name,
with the same option names as the command line::

    [build]
    engine = "kokoro"
    formats = "mp3,epub,summary"
    lexicon = ["lexicon.toml"]

    [feeds]                      # read by ``exporter batch`` (see exporter.batch.feeds)
    urls = ["https://www.example.org/rss.xml"]
    interval = 900

The CLI hands these to click as its ``default_map``, so environment variables
(``EXPORTER_ENGINE``...) and flags still override them.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from exporter.errors import ConfigError

PROJECT_FILE = "exporter.toml"
#: Per-project pronunciation lexicon picked up when present.
PROJECT_LEXICON = "lexicon.toml"


#: Per command, each accepted spelling of an option ("lexicon", "max-bytes", "max_bytes")
#: mapped to the name of the parameter it sets ("lexicons", "max_bytes").
OptionNames = Mapping[str, Mapping[str, str]]


def _nearest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" Did you mean '{close[0]}'?" if close else ""


def _validated(
    path: Path, command: str, options: dict[str, Any], known: OptionNames
) -> dict[str, Any]:
    if command not in known:
        raise ConfigError(
            f"{path}: unknown table [{command}]",
            hint=f"Tables name commands: {', '.join(sorted(known))}."
            + _nearest(command, list(known)),
        )
    names = known[command]
    settings: dict[str, Any] = {}
    for key, value in options.items():
        if key not in names:
            spelled = sorted({name for name in names if "_" not in name})
            raise ConfigError(
                f"{path}: [{command}] has no setting '{key}'",
                hint=f"Settings of [{command}]: {', '.join(spelled)}.{_nearest(key, spelled)}",
            )
        settings[names[key]] = value
    return settings


def load_project_config(
    path: Path | None = None, known: OptionNames | None = None
) -> dict[str, dict[str, Any]]:
    """The command defaults from the project file; {} when there is none.

    With ``known``, every table and key is checked (a typo is an error naming the nearest
    valid key, never silently ignored) and keys are given as the parameters they set.
    """
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
        if known is None:
            commands[command] = {key.replace("-", "_"): value for key, value in options.items()}
        else:
            commands[command] = _validated(path, command, options, known)
    return commands


#: The settings of the ``[feeds]`` table (a table of its own, not a command's).
FEEDS_SETTINGS = ("urls", "interval")


def project_feeds(commands: Mapping[str, Any]) -> tuple[tuple[str, ...], float | None]:
    """The ``[feeds]`` table: ``urls = ["https://..."]`` and an optional ``interval``
    (seconds between polls with ``exporter batch --watch``)."""
    table = commands.get("feeds", {})
    urls = table.get("urls", [])
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise ConfigError('[feeds] urls should be a list of addresses, like ["https://..."]')
    interval = table.get("interval")
    if interval is not None and (not isinstance(interval, int | float) or interval <= 0):
        raise ConfigError("[feeds] interval should be a number of seconds above 0")
    return tuple(urls), float(interval) if interval is not None else None


def default_lexicons() -> tuple[Path, ...]:
    candidate = Path(PROJECT_LEXICON)
    return (candidate,) if candidate.exists() else ()
