"""File names derived from titles: ASCII, lower-case, hyphenated slugs.

python-slugify transliterates what Unicode decomposition alone cannot: ligatures
("Cœur" -> "coeur", "Æ" -> "ae") and non-Latin scripts ("Москва" -> "moskva").
"""

from __future__ import annotations

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
