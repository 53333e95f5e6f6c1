"""What a conversion is asked to produce: the options ``build`` and ``batch`` share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exporter.exporters import DEFAULT_FORMATS
from exporter.narration.engines import DEFAULT_ENGINE
from exporter.parsers.reading import DEFAULT_MAX_BYTES

#: The summarizer that reads no settings: offline rules (see exporter.summary.llm).
DEFAULT_SUMMARIZER = "offline"


@dataclass(frozen=True, kw_only=True, slots=True)
class BuildOptions:
    out_dir: Path = Path("build")
    engine: str = DEFAULT_ENGINE
    formats: tuple[str, ...] = DEFAULT_FORMATS
    max_bytes: int = DEFAULT_MAX_BYTES
    #: None: the platform's cache folder; see exporter.narration.cache.default_cache_dir.
    cache_dir: Path | None = None
    use_cache: bool = True
    #: Pronunciation lexicons (TOML or PLS), merged in order.
    lexicons: tuple[Path, ...] = ()
    #: "offline" (rules, the default) or "llm" (see exporter.summary.llm).
    summarizer: str = DEFAULT_SUMMARIZER
    #: The EPUB carries the narration as Media Overlays; False: a text-only EPUB.
    overlays: bool = True
