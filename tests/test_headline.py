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


# A dispatch whose lead carries what a headline leaves out: a time adverbial, an
# attribution, an apposition; the place it happened is named again further on.
DISPATCH = [
    "Deux avions de ligne se sont percutés mercredi matin sur le tarmac de l'aéroport de "
    "Roissy, a indiqué la préfecture, sans faire de blessé.",
    "À Roissy, les pistes ont été fermées pendant une heure. La compagnie a annoncé une "
    "enquête interne.",
    "Les passagers de Roissy ont été reconduits au terminal.",
]


def test_headline_keeps_the_claim_and_drops_time_and_attribution() -> None:
    from exporter.parsers.headline import generate_title

    title = generate_title(DISPATCH)
    words = _words(title)
    assert {"avions", "percutés", "tarmac"} <= set(words), title
    # No time adverbial, no attribution: a headline says what happened.
    assert not {"mercredi", "matin", "indiqué", "préfecture"} & set(words), title
    # Topic first: the place the article keeps naming, then the claim in lower case.
    assert title.startswith("Roissy : deux avions"), title
    assert len(words) <= 14
    # Nothing invented: every word of the title is the article's.
    assert set(words) <= set(_words(" ".join(DISPATCH))), title


def test_headline_puts_a_compound_past_in_the_present() -> None:
    from exporter.parsers.headline import generate_title

    title = generate_title(
        [
            "Le gouvernement a présenté mardi un plan de rénovation des écoles rurales.",
            "Le plan sera financé par l'État.",
        ]
    )
    words = _words(title)
    assert "présente" in words and "a" not in words, title
    assert {"gouvernement", "plan", "rénovation", "écoles"} <= set(words), title
    assert "mardi" not in words, title


def test_headline_skips_a_lead_quotation() -> None:
    from exporter.parsers.headline import generate_title

    title = generate_title(
        [
            "« Nous ne céderons pas », a lancé le maire.",
            "Le conseil municipal de Brest a voté jeudi la fermeture de la piscine Foch.",
        ]
    )
    words = _words(title)
    assert "céderons" not in words, title
    assert {"conseil", "vote", "fermeture", "piscine"} <= set(words), title
