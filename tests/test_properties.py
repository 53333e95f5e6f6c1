"""Property-based tests (hypothesis): whatever text comes in, parsers, normaliser,
segmentation, summary, escaping and slugs raise no unexpected exception, are idempotent
where they should be, and write outputs that stay valid XHTML, WebVTT and SRT.

Bounded for CI: few examples each (all of them together run in well under a minute).
"""

from __future__ import annotations

import itertools
import os
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from markdown_it import MarkdownIt

from exporter.errors import InputError
from exporter.escaping import markdown_text, one_line, srt_cue_text, vtt_cue_text
from exporter.exporters.transcript import render_srt, render_vtt
from exporter.model import Document
from exporter.naming import RESERVED_SLUGS, article_slug, slugify
from exporter.narration.model import Chapter, Clip, Narration
from exporter.parsers import parse_text
from exporter.parsers.cleaning import clean_inline
from exporter.parsers.sections import infer_sections
from exporter.summary.render import render_fragment
from exporter.summary.summarize import summarize
from exporter.text.normalize import normalize_for_speech
from exporter.text.sentences import split_sentences

#: More examples for a deeper search: EXPORTER_HYPOTHESIS_EXAMPLES=500 pytest ...
FEW = settings(
    max_examples=int(os.environ.get("EXPORTER_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)

# French words, punctuation, markup and control characters: what hostile articles mix.
WORDS = st.sampled_from(
    [
        "le",
        "la",
        "les",
        "de",
        "du",
        "un",
        "une",
        "Brest",
        "maire",
        "conseil",
        "budget",
        "école",
        "écoles",
        "Chine",
        "IA",
        "2012",
        "3e",
        "M.",
        "XXIe",
        "14",
        "h",
        "30",
        "«",
        "»",
        "!",
        "?",
        ";",
        ":",
        ",",
        ".",
        "…",
        "-",
        "--",
        "-->",
        "<b>",
        "</b>",
        "<script>",
        "&",
        "&amp;",
        "&lt;",
        "*",
        "**",
        "_",
        "#",
        "[lien](javascript:x)",
        "`",
        "|",
        "~",
        "\\",
        "1.",
        "1)",
        "+",
        "=",
        "é",
        "à",
        "ç",
        "œ",
        "日本",
        "Москва",
        "😀",
        "\x1b[31m",
        "\x07",
        "\x85",
        "\u200b",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "\u00a0"])
ARTICLE_TEXT = st.lists(st.tuples(WORDS, SEPARATORS), max_size=60).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
ANY_TEXT = st.one_of(ARTICLE_TEXT, st.text(max_size=200))
FRENCH_LINE = st.lists(
    st.sampled_from(
        [
            "Le",
            "maire",
            "de",
            "Brest",
            "a",
            "présenté",
            "un",
            "budget",
            "pour",
            "les",
            "écoles",
            "de",
            "la",
            "ville",
            "La",
            "Chine",
            "propose",
            "une",
            "coopération",
            "sur",
            "la",
            "sécurité",
            "de",
            "l'IA",
        ]
    ),
    min_size=4,
    max_size=25,
).map(lambda words: " ".join(words).capitalize() + ".")


# --- Parsers and cleaning ---------------------------------------------------------------


@FEW
@given(ANY_TEXT, st.sampled_from(["text", "markdown", "html"]))
def test_any_text_parses_or_is_refused_as_input(text: str, fmt: str) -> None:
    try:
        document = parse_text(text, fmt=fmt)
    except InputError:
        return
    texts = [document.title, *(s.text for s in document.sentences())]
    for section in document.sections:
        texts.append(section.title)
    for value in texts:
        assert value == clean_inline(value)  # no control character, one line
        assert "\x1b" not in value and "\n" not in value
    assert document.sections


@FEW
@given(ANY_TEXT)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_inline(text)
    assert clean_inline(once) == once
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", once)


@FEW
@given(ANY_TEXT)
def test_sentences_split_again_into_themselves(text: str) -> None:
    sentences = split_sentences(clean_inline(text))
    for sentence in sentences:
        assert sentence == sentence.strip() and sentence
    assert split_sentences(" ".join(sentences)) == sentences


@FEW
@given(ANY_TEXT)
def test_normaliser_never_fails(text: str) -> None:
    spoken = normalize_for_speech(clean_inline(text))
    assert isinstance(spoken, str)


# --- Segmentation and summary -----------------------------------------------------------


@FEW
@given(st.lists(FRENCH_LINE, min_size=1, max_size=14))
def test_sections_cover_every_paragraph_in_order(paragraphs: list[str]) -> None:
    plans = infer_sections(paragraphs, document_title="Un titre")
    assert plans[0].start == 0 and plans[-1].end == len(paragraphs)
    for before, after in itertools.pairwise(plans):
        assert before.end == after.start and before.start < before.end
    titles = [plan.title.casefold() for plan in plans]
    assert all(titles) and len(set(titles)) == len(titles)


@FEW
@given(st.lists(FRENCH_LINE, min_size=1, max_size=8), ANY_TEXT)
def test_summary_fragment_is_well_formed_xhtml(paragraphs: list[str], title: str) -> None:
    text = f"{clean_inline(title) or 'Titre'}\n" + "\n".join(paragraphs)
    document = parse_text(text)
    fragment = render_fragment(summarize(document))
    etree.fromstring(fragment.encode("utf-8"))  # strict XML: raises when malformed


# --- Escaping and transcripts -----------------------------------------------------------

_VTT_TIMING = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}")
_SRT_TIMING = re.compile(r"\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}")


def _vtt_cue_texts(vtt: str) -> list[str]:
    """Strict reading of our WebVTT: header, then id / timing / one text line per cue;
    no tag, bare "&" or "-->" in a cue text."""
    blocks = vtt.rstrip("\n").split("\n\n")
    assert blocks[0].split("\n")[0] == "WEBVTT"
    texts = []
    for block in blocks[1:]:
        identifier, timing, *payload = block.split("\n")
        assert identifier and "-->" not in identifier
        assert _VTT_TIMING.fullmatch(timing)
        assert len(payload) == 1 and payload[0].strip()
        line = payload[0]
        assert "<" not in line and ">" not in line
        assert re.fullmatch(r"(?:[^&]|&amp;|&lt;|&gt;)*", line)
        texts.append(line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    return texts


@FEW
@given(ANY_TEXT)
def test_vtt_cue_text_is_inert_and_exact(text: str) -> None:
    escaped = vtt_cue_text(text)
    line = one_line(text)
    if line:
        assert _vtt_cue_texts(f"WEBVTT\n\nc1\n00:00:00.000 --> 00:00:01.000\n{escaped}\n") == [line]


@FEW
@given(ANY_TEXT)
def test_srt_cue_text_has_no_markup(text: str) -> None:
    cue = srt_cue_text(text)
    assert "\n" not in cue and "-->" not in cue
    assert not re.search(r"<\s*/?\s*[A-Za-z][^<>]*>", cue)
    assert not re.search(r"\{\\", cue)


@FEW
@given(ANY_TEXT)
def test_markdown_text_renders_to_the_text_itself(text: str) -> None:
    text = clean_inline(text)  # what the summary renders is cleaned article text
    line = one_line(text)
    for prefix in ("- ", "# ", "- **"):
        html = MarkdownIt("commonmark").render(prefix + markdown_text(text))
        root = etree.fromstring(f"<root>{html}</root>".encode(), etree.XMLParser(recover=False))
        assert "".join(root.itertext()).strip() == line.strip() or prefix == "- **"
        assert root.find(".//script") is None and root.find(".//a") is None


@FEW
@given(st.lists(ANY_TEXT, min_size=1, max_size=6))
def test_transcripts_stay_valid_whatever_the_text(texts: list[str]) -> None:
    lines = [clean_inline(text) or "x" for text in texts]
    document = parse_text("Titre\n" + "\n".join(f"Phrase {line} ici." for line in lines))
    ids = ["doc-title"] + [
        unit
        for section in document.sections
        for unit in (section.title_id, *(s.id for s in section.sentences()))
    ]
    clips = tuple(
        Clip(id=unit, start_ms=index * 1000, end_ms=index * 1000 + 900)
        for index, unit in enumerate(ids)
    )
    narration = Narration(
        pcm=b"\x00\x00" * 16, sample_rate=16_000, clips=clips, chapters=(), engine="x"
    )
    cues = _vtt_cue_texts(render_vtt(document, narration))
    assert cues[0] == "Titre" and len(cues) == len(ids)
    srt_blocks = render_srt(document, narration).rstrip("\n").split("\n\n")
    for number, block in enumerate(srt_blocks, start=1):
        index, timing, text = block.split("\n")
        assert index == str(number) and _SRT_TIMING.fullmatch(timing)
        assert text and "-->" not in text
    _ = Chapter, Document  # the model types the transcript reads


# --- Slugs ------------------------------------------------------------------------------


@FEW
@given(ANY_TEXT)
def test_slugs_are_safe_stable_names(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
    assert len(slug) <= 80
    assert slugify(slug) == slug


@pytest.mark.parametrize("stem", sorted(RESERVED_SLUGS))
def test_an_article_slug_is_never_a_fixed_output_name(stem: str) -> None:
    from pathlib import Path

    for name in (stem, stem.upper(), f" {stem} "):
        assert article_slug(Path(f"{name}.txt")) not in RESERVED_SLUGS


@FEW
@given(st.text(alphabet=string.ascii_letters + "éèà -_.", min_size=1, max_size=30))
def test_article_slugs_are_never_reserved(stem: str) -> None:
    from pathlib import Path

    assert article_slug(Path(f"{stem}.txt")) not in RESERVED_SLUGS
