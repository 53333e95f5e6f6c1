"""Per-user folders: the platform's convention (platformdirs), our variables first."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exporter.narration.cache import default_cache_dir
from exporter.narration.engines.kokoro_assets import DATA_DIR_ENV, default_data_dir

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are Linux's")


def test_our_variables_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPORTER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "voices"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert default_cache_dir() == tmp_path / "cache"
    assert default_data_dir() == tmp_path / "voices"


@linux_only
def test_xdg_folders_are_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXPORTER_CACHE_DIR", raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert default_cache_dir() == tmp_path / "xdg-cache" / "exporter"
    assert default_data_dir() == tmp_path / "xdg-data" / "exporter" / "kokoro"


@linux_only
def test_empty_variables_give_absolute_home_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("EXPORTER_CACHE_DIR", DATA_DIR_ENV, "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(variable, "")
    assert default_cache_dir() == tmp_path / ".cache" / "exporter"
    assert default_data_dir() == tmp_path / ".local" / "share" / "exporter" / "kokoro"
