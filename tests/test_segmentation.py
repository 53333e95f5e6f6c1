"""Sections and titles inferred for articles without headings, and the Pk/WindowDiff metrics."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.parsers.sections import SectionPlan, infer_sections, infer_title
from exporter.parsers.sections.boundaries import section_starts
from exporter.parsers.sections.evaluation import pk, window_diff
from exporter.parsers.sections.topics import topic_titles
from tests.corpus import SEED_ARTICLE, corpus_file, corpus_params, wikinews_texts

ARTICLES = [pytest.param(SEED_ARTICLE, id=SEED_ARTICLE.stem), *corpus_params(wikinews_texts, 3)]

ARTICLES_WORDS = {"le", "la", "les", "l'", "un", "une"}
DANGLING = {
    "de", "d'", "du", "des", "à", "au", "aux", "le", "la", "les", "l'", "un", "une", "et",
    "en", "par", "pour", "sur", "avec", "dans",
}  # fmt: skip


def read(path: Path) -> tuple[str, list[str]]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[0], lines[1:]


def title_words(title: str) -> list[str]:
    return title.replace("'", "' ").split()


def words_of(paragraphs: list[str]) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W_]+", " ".join(paragraphs))}


def check_title(title: str, section: list[str], forbidden: set[str]) -> None:
    words = title_words(title)
    assert 2 <= len(words) <= 8, title
    assert title[0].isupper(), title
    assert not title.endswith((".", " ")), title
    assert words[-1].lower() not in DANGLING, title
    assert title.casefold() not in forbidden, title
    body = [
        part
        for w in words
        if w.lower() not in ARTICLES_WORDS
        for part in re.findall(r"[^\W_]+", w.lower())
    ]
    missing = [w for w in body if w not in words_of(section)]
    assert not missing, (title, missing)


@pytest.mark.parametrize("path", ARTICLES)
def test_plans_cover_every_paragraph_in_order(path: Path) -> None:
    title, paragraphs = read(path)
    plans = infer_sections(paragraphs, document_title=title)
    assert plans[0].start == 0
    assert plans[-1].end == len(paragraphs)
    for before, after in itertools.pairwise(plans):
        assert before.end == after.start
    assert all(plan.end > plan.start for plan in plans)


@pytest.mark.parametrize("path", ARTICLES)
def test_titles_are_short_distinct_noun_phrases_from_their_section(path: Path) -> None:
    title, paragraphs = read(path)
    plans = infer_sections(paragraphs, document_title=title)
    seen = {title.casefold()}
    for plan in plans:
        check_title(plan.title, paragraphs[plan.start : plan.end], seen)
        seen.add(plan.title.casefold())


@pytest.mark.parametrize("path", ARTICLES)
def test_titles_elide_and_contract_articles_as_french_does(path: Path) -> None:
    title, paragraphs = read(path)
    for plan in infer_sections(paragraphs, document_title=title):
        assert not re.match(r"(?i)(le|la) [aeiouéèêâîôûœ]", plan.title), plan.title
        assert not re.match(r"(?i)(du|des|au|aux|de) ", plan.title), plan.title


def test_long_article_gets_a_few_sections_of_several_paragraphs() -> None:
    title, paragraphs = read(SEED_ARTICLE)
    plans = infer_sections(paragraphs, document_title=title)
    assert 2 <= len(plans) <= len(paragraphs) // 2
    assert all(plan.end - plan.start >= 2 for plan in plans)


def test_short_article_is_one_section() -> None:
    title, paragraphs = read(SEED_ARTICLE)
    plans = infer_sections(paragraphs[:3], document_title=title)
    assert [(plan.start, plan.end) for plan in plans] == [(0, 3)]


def test_no_paragraph_means_no_section() -> None:
    assert infer_sections([]) == []


def test_inference_is_deterministic() -> None:
    title, paragraphs = read(SEED_ARTICLE)
    first = infer_sections(paragraphs, document_title=title)
    assert infer_sections(list(paragraphs), document_title=title) == first
    assert infer_title(paragraphs[:2]) == infer_title(paragraphs[:2])


def test_infer_title_avoids_titles_already_used() -> None:
    _, paragraphs = read(SEED_ARTICLE)
    first = infer_title(paragraphs[:2])
    second = infer_title(paragraphs[:2], avoid=[first])
    third = infer_title(paragraphs[:2], avoid=[first, second], document_title=first)
    assert len({first, second, third}) == 3
    for title in (first, second, third):
        check_title(title, paragraphs[:2], set())


def test_title_of_a_section_without_nouns_is_still_usable() -> None:
    title = infer_title(["42 !", "Oui, oui."])
    assert title and title[0].isupper() and len(title_words(title)) <= 8


def test_boundary_falls_where_the_topic_changes() -> None:
    first = read(corpus_file("wikinews-fr", "text", "45197.txt"))[1][1:4]
    second = read(corpus_file("wikinews-fr", "text", "45614.txt"))[1][1:4]
    assert section_starts([*first, *second]) == [0, 3]


VOCABULARY = (
    "la délégation chinoise sommet sécurité fusée capsule ouragan tempête métro "
    "des de le un une a été marges raffineurs, . l'IA Chine"
)
words = st.sampled_from(VOCABULARY.split(" "))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=30).map(" ".join), max_size=12))
def test_any_paragraphs_get_a_complete_plan_and_valid_titles(paragraphs: list[str]) -> None:
    plans = infer_sections(paragraphs)
    assert sum(plan.end - plan.start for plan in plans) == len(paragraphs)
    assert [plan.start for plan in plans] == sorted({plan.start for plan in plans})
    assert len({plan.title for plan in plans}) == len(plans)
    assert all(isinstance(plan, SectionPlan) and plan.title[0].isupper() for plan in plans)


# --- metrics ---------------------------------------------------------------------------


def test_identical_segmentations_score_zero() -> None:
    assert pk([2, 3, 4], [2, 3, 4]) == 0.0
    assert window_diff([2, 3, 4], [2, 3, 4]) == 0.0


def test_missing_boundary_counts_in_the_windows_that_cross_it() -> None:
    # Labels 0 0 1 1 vs 0 0 0 0, k = 1: only the window (1, 2) crosses the boundary.
    assert pk([2, 2], [4]) == pytest.approx(1 / 3)
    assert window_diff([2, 2], [4]) == pytest.approx(1 / 3)


def test_extra_and_shifted_boundaries_are_counted_per_window() -> None:
    # Reference 000111, hypothesis 011222, k = 2: only window (0, 2) is wrong for both.
    assert pk([3, 3], [1, 2, 3], k=2) == pytest.approx(1 / 4)
    assert window_diff([3, 3], [1, 2, 3], k=2) == pytest.approx(1 / 4)
    # Boundary two paragraphs early (011111): windows (0, 2), (1, 3), (2, 4) are wrong.
    assert pk([3, 3], [1, 5], k=2) == pytest.approx(3 / 4)
    assert window_diff([3, 3], [1, 5], k=2) == pytest.approx(3 / 4)


def test_window_diff_sees_two_boundaries_where_pk_sees_the_ends_differ_anyway() -> None:
    # Reference 0011, hypothesis 0122, k = 2: in window (0, 2) both place the ends in
    # different sections (Pk is satisfied) but the hypothesis has two boundaries there.
    assert pk([2, 2], [1, 1, 2], k=2) == 0.0
    assert window_diff([2, 2], [1, 1, 2], k=2) == pytest.approx(1 / 2)
    # Reference 0000, same hypothesis: every window is wrong for both metrics.
    assert pk([4], [1, 1, 2], k=2) == 1.0
    assert window_diff([4], [1, 1, 2], k=2) == 1.0


def test_segmentations_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        pk([2, 2], [3])
    with pytest.raises(ValueError):
        window_diff([2, 2], [3, 0, 1])


def test_seed_section_titles_name_topics_not_the_actor_nor_a_list_item() -> None:
    title, paragraphs = read(SEED_ARTICLE)
    titles = [plan.title for plan in infer_sections(paragraphs, document_title=title)]
    assert len(titles) == len(set(titles)) > 1
    for section_title in titles:
        words = set(re.findall(r"[^\W_]+", section_title.casefold()))
        # Every section is about what the Chinese delegation said: it names no section.
        assert not {"délégation", "chine", "chinoise"} & words, titles
        # "renforcer la gestion et le contrôle des risques technologiques": one item of
        # a four-item list, not what a section is about.
        assert not {"gestion", "contrôle", "risques"} & words, titles
        # Nor the three "Initiative pour ..." of another list.
        assert "initiative" not in words, titles


def test_a_seed_section_is_titled_by_its_main_claim_even_when_every_section_names_it() -> None:
    # The section "La gouvernance de l'IA a une incidence sur le sort de l'humanité ...
    # La Chine a souligné que tous les pays devaient défendre le principe d'une IA ...":
    # issue 10 reads it as being about the principles of AI governance, a phrase the
    # other sections name too; "le sort de l'humanité" is a detail of its first sentence.
    title, paragraphs = read(SEED_ARTICLE)
    titles = [plan.title for plan in infer_sections(paragraphs, document_title=title)]
    governance = [t for t in titles if "gouvernance" in t.casefold()]
    assert any("IA" in t for t in governance), titles
    assert all("humanité" not in t for t in titles), titles


#: Adjectives that judge or count instead of naming (written for these tests).
JUDGING_WORDS = {
    "important",
    "importante",
    "nombreux",
    "nombreuses",
    "grand",
    "grande",
    "nouveau",
    "nouvelle",
    "majeur",
    "majeure",
    "inférieur",
    "extrême",
}


def test_seed_section_titles_judge_nothing_and_name_no_vague_relation() -> None:
    title, paragraphs = read(SEED_ARTICLE)
    titles = [plan.title for plan in infer_sections(paragraphs, document_title=title)]
    for section_title in titles:
        words = set(re.findall(r"[^\W_]+", section_title.casefold()))
        assert not JUDGING_WORDS & words, titles
        # "L'incidence sur ...", "L'importante plateforme de dialogue": a relation or a
        # container is not what a section is about.
        assert not re.match(r"(?i)(l'incidence|la plateforme)\b", section_title), titles


def test_a_title_drops_the_adjectives_that_judge() -> None:
    sections = [
        [
            "Le sommet constituait une importante plateforme de dialogue entre les pays. "
            "Les pays ont salué une importante plateforme de dialogue pour les chercheurs.",
        ],
        [
            "De nombreux navires de croisière accostent chaque jour dans la lagune. "
            "Les nombreux navires de croisière inquiètent les habitants de la lagune.",
        ],
    ]
    titles = topic_titles(sections)
    for section_title in titles:
        assert section_title, titles
        words = set(re.findall(r"[^\W_]+", section_title.casefold()))
        assert not JUDGING_WORDS & words, titles
    assert "navires" in titles[1], titles


def test_a_title_is_no_person_nor_the_middle_of_au_service_de() -> None:
    sections = [
        [
            "Le conservateur Dimitris Avramopoulos a présenté le gouvernement de coalition. "
            "Le gouvernement de coalition compte dix-huit ministres.",
        ],
        [
            "Les pays veulent une IA au service des personnes. "
            "Une IA au service des personnes suppose des règles de prudence.",
        ],
    ]
    titles = topic_titles(sections)
    assert "Avramopoulos" not in titles[0], titles
    assert not titles[1].startswith("Le service"), titles
