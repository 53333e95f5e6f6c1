"""Per-user folders by platform convention (XDG on Linux, Library on macOS, AppData on Windows)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_cache_dir() -> Path:
    """Where data that can be rebuilt lives (synthesised audio)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "exporter"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "exporter"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "exporter"


def user_data_dir() -> Path:
    """Where installed data lives (voice models)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "exporter"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "exporter"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "exporter"
