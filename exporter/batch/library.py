"""The library page: ``build/index.html`` lists every converted article.

One entry per article, newest first: its title, date and duration, an ``<audio>`` player
and links to download the MP3, the EPUB and the plain-language summary. The page is
HTML5 written as well-formed XML (so any XML parser can check it), in French, with
landmarks, one heading per article, and every text from an article escaped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from exporter.batch.manifest import ManifestEntry
from exporter.fsutil import atomic_write_text
from exporter.text.dates import french_date, spoken_duration

INDEX_NAME = "index.html"

#: Output kinds by how a file's name ends, with the link's label (in page order).
_DOWNLOADS = (
    (".mp3", "MP3", "audio"),
    (".epub", "EPUB", "livre numérique accessible"),
    ("summary.html", "Résumé", "en français facile, page web"),
    ("summary.md", "Résumé", "en français facile, texte Markdown"),
)

_STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 48rem;
       margin: 0 auto; padding: 1rem; color: #1a1a1a; background: #fff; }
a { color: #0b4f9c; }
a:focus, audio:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
ol.articles { list-style: none; padding: 0; }
ol.articles > li { border-top: 1px solid #767676; padding: 1rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 0.25rem; }
.meta { margin: 0 0 0.5rem; color: #454545; }
audio { width: 100%; }
.downloads { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; padding: 0; list-style: none; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _href(output: str) -> str:
    return quote(PurePosixPath(Path(output).as_posix()).as_posix(), safe="/")


def size_text(size: int) -> str:
    """A file size for people, in French: "3,2 Mo", "18 ko"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1000))} ko"


def _size(path: Path) -> str:
    try:
        return size_text(path.stat().st_size)
    except OSError:
        return ""


def _downloads(out_dir: Path, entry: ManifestEntry, heading_id: str) -> list[str]:
    links = []
    for ending, label, kind in _DOWNLOADS:
        for output in entry.outputs:
            if output.endswith(ending):
                size = _size(out_dir / output)
                detail = f"{kind}, {size}" if size else kind
                links.append(
                    f'<li><a href="{_href(output)}" download="" '
                    f'aria-describedby="{heading_id}">{_e(label)}</a> ({_e(detail)})</li>'
                )
    return links


def _essentiel(out_dir: Path, entry: ManifestEntry) -> str:
    """The article's essentiel, from its summary.json (empty when there is none)."""
    report = next((o for o in entry.outputs if o.endswith("summary.json")), None)
    if report is None:
        return ""
    try:
        value = json.loads((out_dir / report).read_text(encoding="utf-8")).get("essentiel", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def _article(out_dir: Path, slug: str, entry: ManifestEntry) -> str:
    # Escaped once here: the slug comes from the manifest, a file anyone may edit.
    heading_id = _e(f"titre-{slug}")
    title = entry.title or slug
    meta = [_e(entry.publisher)] if entry.publisher else []
    if entry.date:
        shown = french_date(entry.date)
        meta.append(
            f'publié le <time datetime="{_e(entry.date[:10])}">{_e(shown)}</time>'
            if shown != entry.date
            else f"publié le {_e(shown)}"
        )
    if entry.duration_seconds is not None:
        text, iso = spoken_duration(entry.duration_seconds)
        meta.append(f'durée <time datetime="{iso}">{_e(text)}</time>')
    parts = [
        f'<li><article aria-labelledby="{heading_id}">',
        f'<h2 id="{heading_id}">{_e(title)}</h2>',
    ]
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    essentiel = _essentiel(out_dir, entry)
    if essentiel:
        parts.append(f'<p class="essentiel">{_e(essentiel)}</p>')
    mp3 = next((output for output in entry.outputs if output.endswith(".mp3")), None)
    if mp3 is not None:
        parts.append(
            f'<audio controls="" preload="none" src="{_href(mp3)}" '
            f'aria-label="{_e("Écouter : " + title)}">'
            f'<a href="{_href(mp3)}">Télécharger l’enregistrement (MP3)</a></audio>'
        )
    if entry.link:
        parts.append(
            f'<p class="source"><a href="{_e(entry.link)}" aria-describedby="{heading_id}">'
            "Lire l’article original</a></p>"
        )
    downloads = _downloads(out_dir, entry, heading_id)
    if downloads:
        parts.append('<ul class="downloads" aria-label="Télécharger">')
        parts.extend(downloads)
        parts.append("</ul>")
    parts.append("</article></li>")
    return "\n".join(parts)


def _order(item: tuple[str, ManifestEntry]) -> tuple[str, str]:
    slug, entry = item
    return entry.date, (entry.title or slug).casefold()


def render_library(out_dir: Path, entries: Mapping[str, ManifestEntry]) -> str:
    """The page's HTML, newest article first (then by title)."""
    ordered = sorted(entries.items(), key=_order)
    ordered.sort(key=lambda item: item[1].date, reverse=True)  # stable: titles stay sorted
    count = len(ordered)
    counted = f"{count} article{'s' if count > 1 else ''}"
    items = "\n".join(_article(out_dir, slug, entry) for slug, entry in ordered)
    listing = (
        f'<ol class="articles">\n{items}\n</ol>'
        if items
        else "<p>Aucun article converti pour l’instant.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="fr" xml:lang="fr" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Articles à écouter et à lire ({counted})</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>Articles à écouter et à lire</h1>
<p>{counted} : narration MP3, livre numérique EPUB accessible et résumé en français facile.</p>
</header>
<main>
{listing}
</main>
</body>
</html>
"""


def write_library(out_dir: Path, entries: Mapping[str, ManifestEntry]) -> Path:
    path = out_dir / INDEX_NAME
    atomic_write_text(path, render_library(out_dir, entries))
    return path
