"""File and folder names derived from titles: readable ASCII whatever the script."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.exporters.mp3 import section_file_name
from exporter.naming import slugify
from tests.conftest import FakeEngine


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Sécurité de l'IA", "securite-de-l-ia"),
        ("Cœur de ville", "coeur-de-ville"),
        ("Œuvres complètes", "oeuvres-completes"),
        ("Æsope et la fable", "aesope-et-la-fable"),
        ("L'État", "l-etat"),
        ("L’État en 2025", "l-etat-en-2025"),  # the typographic apostrophe of French text
        ("Москва", "moskva"),
        ("  --Élections !-- ", "elections"),
    ],
)
def test_titles_become_ascii_hyphenated_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["日本", "東京の天気", "Ελλάδα", "العربية"])
def test_non_latin_titles_are_transliterated_not_lost(title: str) -> None:
    slug = slugify(title)
    assert slug != "article"
    assert slug.isascii() and slug == slug.lower()
    assert all(part.isalnum() for part in slug.split("-"))


def test_nothing_to_transliterate_gives_a_name_all_the_same() -> None:
    assert slugify("!!! ???") == "article"
    assert slugify("") == "article"


def test_long_titles_are_cut_without_a_trailing_hyphen() -> None:
    slug = slugify("mot " * 50)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"mot"}


def test_section_files_are_numbered_and_named_after_their_title() -> None:
    assert section_file_name(3, 12, "Cœur du sujet") == "03-coeur-du-sujet.mp3"
    name = section_file_name(1, 2, "x" * 200)
    assert len(name) <= len("01-.mp3") + 60


def test_build_names_the_article_folder_after_a_cyrillic_file_name(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    article = tmp_path / "Москва.txt"
    article.write_text("Москва\n\nUne phrase en français pour la voix.\n", encoding="utf-8")
    out = tmp_path / "build"
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["build", str(article), "--out", str(out), "--engine", "fake", "--formats", "mp3"]
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "moskva" / "moskva.mp3").is_file()
