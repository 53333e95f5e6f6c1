"""What the pages share: file types and names, the template environment, safe redirects."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

import jinja2

from exporter.batch.library import size_text
from exporter.text.dates import french_date, spoken_duration

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4b": "audio/mp4",
    ".epub": "application/epub+zip",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
}
#: Played or read by the article page itself: served inline, the rest as attachments.
INLINE_SUFFIXES = (".mp3", ".m4b", ".vtt")

FORMAT_LABELS = {
    "mp3": "MP3 (l’article lu, avec chapitres)",
    "mp3-sections": "un MP3 par partie",
    "m4b": "livre audio M4B",
    "epub": "EPUB accessible, lu à voix haute",
    "summary": "résumé en français facile",
    "transcript": "transcription (WebVTT et SRT)",
}


def download_name(slug: str, output: str) -> str:
    """The name a downloaded file gets: always starts with the article's slug."""
    path = PurePosixPath(output)
    if path.name.startswith(slug):
        return path.name
    if path.parent.name == "sections":
        return f"{slug}-{path.name}"
    return f"{slug}-{path.name.replace('summary', 'resume')}"


def _duration(seconds: float | None) -> str:
    return "" if seconds is None else spoken_duration(seconds)[0]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("exporter.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["french_date"] = lambda value: french_date(value) if value else ""
    env.filters["duration"] = _duration
    env.filters["size"] = size_text
    env.filters["url_path"] = lambda value: quote(str(value), safe="/")
    return env


def local_path(path: str) -> str:
    """A redirect target on this site only ("/x"), never "//elsewhere" or "http://…"."""
    return path if path.startswith("/") and not path.startswith("//") else "/soumettre"
