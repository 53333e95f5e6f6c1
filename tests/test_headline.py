"""Articles that come without a title get one generated from their lead sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exporter.parsers import parse_file

LEAD = (
    "La consommation d'alcool est responsable d'environ 41.000 décès par an en France, "
    "selon une estimation rendue publique mardi par Santé publique France. "
    "L'agence rappelle que l'alcool reste la deuxième cause de mortalité évitable."
)
REST = (
    "Les hommes sont les plus touchés, avec 30.000 décès estimés. "
    "Les femmes comptent pour le reste."
)
FIRST_SENTENCE = LEAD.split(". ")[0]

UNTITLED = {
    "article.md": f"{LEAD}\n\n{REST}\n",
    "article.html": f"<html><body><p>{LEAD}</p><p>{REST}</p></body></html>",
    # A first line far too long for a title is the first paragraph.
    "article.txt": f"{LEAD}\n\n{REST}\n",
}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


@pytest.mark.parametrize("name", sorted(UNTITLED))
def test_untitled_article_gets_a_headline_from_its_lead(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(UNTITLED[name], encoding="utf-8")
    document = parse_file(path)
    title = _words(document.title)
    assert "article" not in title  # never the file name
    assert 2 <= len(document.title.split()) <= 12
    # The lead's own words, in order, naming its subject and what happened ...
    assert _is_subsequence(title, _words(FIRST_SENTENCE))
    assert {"consommation", "alcool", "décès"} <= set(title)
    # ... without the attribution a headline leaves out.
    assert "selon" not in title and "estimation" not in title
    assert document.title[0].isupper()
    assert all(section.title != document.title for section in document.sections)


def test_given_title_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text(f"# Alcool : 41.000 morts par an\n\n{LEAD}\n\n{REST}\n", encoding="utf-8")
    assert parse_file(path).title == "Alcool : 41.000 morts par an"
