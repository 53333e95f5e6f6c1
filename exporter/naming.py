"""File names derived from titles: ASCII, lower-case, hyphenated slugs.

python-slugify transliterates what Unicode decomposition alone cannot: ligatures
("Cœur" -> "coeur", "Æ" -> "ae") and non-Latin scripts ("Москва" -> "moskva").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify as _slugify

#: Longest slug, in characters (folder and file names stay short on every platform).
MAX_SLUG_LENGTH = 80
#: What an article is called when its name has nothing to transliterate.
FALLBACK_SLUG = "article"
#: French typography writes the apostrophe as U+2019: it separates words like "'".
_REPLACEMENTS = (("\u2019", "'"), ("\u02bc", "'"))


def slugify(name: str, *, max_length: int = MAX_SLUG_LENGTH) -> str:
    """An ASCII, lower-case, hyphenated name: "Sécurité de l'IA" -> "securite-de-l-ia"."""
    slug = _slugify(name, max_length=max_length, replacements=[list(r) for r in _REPLACEMENTS])
    return slug.strip("-") or FALLBACK_SLUG


# --- Output names ---------------------------------------------------------------------
# Every article's outputs go to ``<out>/<slug>/``: ``<slug>.<ext>`` files (mp3, m4b, epub,
# vtt, srt), a SECTIONS_FOLDER of per-section MP3s, and the summary's files, whose stem is
# SUMMARY_STEM whatever the article. An article slug never equals a fixed stem, so that
# no two outputs of one article can have the same name.

#: Stem of the summary's files (summary.md, .html, .json, .mp3).
SUMMARY_STEM = "summary"
#: Folder of the per-section MP3s.
SECTIONS_FOLDER = "sections"
#: Slugs an article cannot have: the fixed names above.
RESERVED_SLUGS = frozenset({SUMMARY_STEM, SECTIONS_FOLDER})
#: Added to a reserved slug ("summary.txt" -> "summary-article").
RESERVED_SUFFIX = "-article"
#: The batch's record of what it converted, at the top of its build folder.
MANIFEST_NAME = "manifest.json"
#: Files that mark a folder as one we wrote: a batch's manifest, an article's summary.
OUTPUT_MARKERS = (MANIFEST_NAME, f"{SUMMARY_STEM}.json")


def output_slug(name: str) -> str:
    """The slug of an article's output folder and files, from a name: never a fixed name."""
    slug = slugify(name)
    return f"{slug}{RESERVED_SUFFIX}" if slug in RESERVED_SLUGS else slug


def article_slug(source: Path) -> str:
    """The name of an article's output folder and files, from its file name."""
    return output_slug(source.stem)


@dataclass(frozen=True, kw_only=True, slots=True)
class SlugCollision:
    source: Path
    slug: str
    #: The article that has this slug already.
    owner: Path

    @property
    def message(self) -> str:
        return f"its output folder '{self.slug}' is already that of {self.owner}"

    hint = "Rename one of the two files (output names come from file names)."


def assign_slugs(sources: Sequence[Path]) -> tuple[dict[Path, str], list[SlugCollision]]:
    """Each article's slug, in order; an article whose slug an earlier one has is refused
    (its outputs would overwrite the other's)."""
    slugs: dict[Path, str] = {}
    owners: dict[str, Path] = {}
    collisions: list[SlugCollision] = []
    for source in sources:
        slug = article_slug(source)
        if slug in owners:
            collisions.append(SlugCollision(source=source, slug=slug, owner=owners[slug]))
            continue
        owners[slug] = source
        slugs[source] = slug
    return slugs, collisions


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds outputs we wrote (so it holds no article to convert)."""
    return any((folder / marker).is_file() for marker in OUTPUT_MARKERS)
