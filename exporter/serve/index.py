"""The library's search index: one SQLite database (with FTS5) beside the manifest.

The manifest (``build/manifest.json``) stays the one record of what is converted; the
index is derived from it and rebuilt incrementally whenever the manifest changes: only
articles whose manifest key changed have their ``summary.json`` read again. A page of the
library is then one indexed query, however many articles there are.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from exporter.batch.manifest import ManifestEntry, load_manifest
from exporter.naming import MANIFEST_NAME

log = logging.getLogger(__name__)

INDEX_NAME = ".library-index.sqlite"
_SCHEMA_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    sort_title TEXT NOT NULL,
    duration REAL,
    essential TEXT NOT NULL,
    summary TEXT NOT NULL,
    outputs TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_order ON articles (date DESC, sort_title, slug);
-- The words of each article, by the article's id (its rowid here).
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5 (
    title, summary, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_ORDER = "ORDER BY a.date DESC, a.sort_title, a.slug"


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleRow:
    slug: str
    title: str
    date: str
    duration_seconds: float | None
    #: "L'essentiel" of the summary, empty without a summary.
    essential: str
    #: Output files, relative to the build folder.
    outputs: tuple[str, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class LibraryPage:
    articles: tuple[ArticleRow, ...]
    total: int
    page: int
    pages: int


def summary_sentences(out_dir: Path, entry: ManifestEntry) -> tuple[str, list[str]]:
    """The summary's "L'essentiel" and its sentences, from ``summary.json`` (an older
    summary without "essentiel" gives its first sentence)."""
    path = next((out_dir / o for o in entry.outputs if o.endswith("/summary.json")), None)
    if path is None:
        return "", []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sentences = [str(sentence) for sentence in data.get("summary", [])]
        essential = str(data.get("essentiel") or (sentences[0] if sentences else ""))
        return essential, sentences
    except (OSError, ValueError, AttributeError) as error:
        log.warning("%s: unreadable summary (%s)", path, error)
        return "", []


def _match_expression(query: str) -> str:
    """An FTS5 query for the words typed: every word must appear, the last one as a prefix."""
    words = [word for word in "".join(c if c.isalnum() else " " for c in query).split() if word]
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


class LibraryIndex:
    """Articles of a build folder, searchable and in pages, newest first."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._db = sqlite3.connect(out_dir / INDEX_NAME, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = WAL")
        version = self._meta_version()
        if version not in (None, _SCHEMA_VERSION):
            self._db.executescript(
                "DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS words;"
                "DROP TABLE IF EXISTS meta;"
            )
        self._db.executescript(_SCHEMA)
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
        self._db.commit()
        self._seen: tuple[int, int] | None = None

    def _meta_version(self) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        except sqlite3.OperationalError:
            return None
        return str(row[0]) if row else None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def refresh(self) -> None:
        """Bring the index up to date with the manifest, when the manifest changed."""
        try:
            stat = (self.out_dir / MANIFEST_NAME).stat()
            seen: tuple[int, int] = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            seen = (0, 0)
        with self._lock:
            if seen == self._seen:
                return
            self._sync(load_manifest(self.out_dir))
            self._seen = seen

    def _sync(self, manifest: dict[str, ManifestEntry]) -> None:
        known = {
            slug: (row_id, key, outputs)
            for row_id, slug, key, outputs in self._db.execute(
                "SELECT id, slug, key, outputs FROM articles"
            )
        }
        db = self._db
        with db:
            for slug in known.keys() - manifest.keys():
                row_id = known[slug][0]
                db.execute("DELETE FROM articles WHERE id = ?", (row_id,))
                db.execute("DELETE FROM words WHERE rowid = ?", (row_id,))
            for slug, entry in manifest.items():
                outputs = json.dumps(list(entry.outputs))
                previous = known.get(slug)
                if previous is not None and previous[1:] == (entry.key, outputs):
                    continue
                essential, sentences = summary_sentences(self.out_dir, entry)
                summary = " ".join(sentences)
                title = entry.title or slug
                values = (
                    entry.key,
                    title,
                    entry.date,
                    title.casefold(),
                    entry.duration_seconds,
                    essential,
                    summary,
                    outputs,
                )
                if previous is None:
                    cursor = db.execute(
                        "INSERT INTO articles (slug, key, title, date, sort_title, duration, "
                        "essential, summary, outputs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (slug, *values),
                    )
                    row_id = int(cursor.lastrowid or 0)
                else:
                    row_id = previous[0]
                    db.execute(
                        "UPDATE articles SET key = ?, title = ?, date = ?, sort_title = ?, "
                        "duration = ?, essential = ?, summary = ?, outputs = ? WHERE id = ?",
                        (*values, row_id),
                    )
                    db.execute("DELETE FROM words WHERE rowid = ?", (row_id,))
                db.execute(
                    "INSERT INTO words (rowid, title, summary) VALUES (?, ?, ?)",
                    (row_id, title, summary),
                )
        log.info("library index: %d articles", len(manifest))

    def page(self, query: str = "", page: int = 1, per_page: int = 20) -> LibraryPage:
        """One page of the articles matching ``query`` (all of them when it is blank)."""
        self.refresh()
        match = _match_expression(query)
        columns = "a.slug, a.title, a.date, a.duration, a.essential, a.outputs"
        if match:
            source = "words JOIN articles a ON a.id = words.rowid WHERE words MATCH ?"
            params: tuple[object, ...] = (match,)
        else:
            source, params = "articles a", ()
        with self._lock:
            total = int(self._db.execute(f"SELECT count(*) FROM {source}", params).fetchone()[0])
            pages = max(1, -(-total // per_page))
            page = min(max(1, page), pages)
            rows = self._db.execute(
                f"SELECT {columns} FROM {source} {_ORDER} LIMIT ? OFFSET ?",
                (*params, per_page, (page - 1) * per_page),
            ).fetchall()
        return LibraryPage(
            articles=tuple(_row(row) for row in rows), total=total, page=page, pages=pages
        )

    def get(self, slug: str) -> ArticleRow | None:
        self.refresh()
        with self._lock:
            row = self._db.execute(
                "SELECT a.slug, a.title, a.date, a.duration, a.essential, a.outputs "
                "FROM articles a WHERE a.slug = ?",
                (slug,),
            ).fetchone()
        return _row(row) if row else None

    def newest(self, limit: int) -> tuple[ArticleRow, ...]:
        return self.page(page=1, per_page=limit).articles


def _row(row: tuple[object, ...]) -> ArticleRow:
    slug, title, date, duration, essential, outputs = row
    return ArticleRow(
        slug=str(slug),
        title=str(title),
        date=str(date),
        duration_seconds=float(duration) if isinstance(duration, int | float) else None,
        essential=str(essential),
        outputs=tuple(json.loads(str(outputs))),
    )
