from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from mutagen.id3 import ID3

from exporter.exporters import ExportContext
from exporter.exporters.summary import SummaryExporter
from exporter.fidelity.checker import check
from exporter.model import Document
from exporter.narration.cache import AudioCache
from exporter.narration.narrator import Narrator
from exporter.parsers import parse_file
from exporter.summary.compression import compress
from exporter.summary.json_report import render_json
from exporter.summary.model import PlainSummary
from exporter.summary.narrated import summary_document
from exporter.summary.plain_words import plain_words
from exporter.summary.readability import words
from exporter.summary.referents import introduce
from exporter.summary.render import (
    SUMMARY_HEADING,
    render_fragment,
    render_html,
    render_markdown,
)
from exporter.summary.summarize import BRIEF_WORDS, gloss_acronyms, summarize
from exporter.text.analysis import analyse, analyse_sentence
from tests.conftest import FakeEngine
from tests.corpus import SEED_ARTICLE as SEED
from tests.corpus import corpus_params, keyphrases, need, wikinews_texts

_SUMMARIES: dict[Path, tuple[Document, PlainSummary]] = {}


#: Every corpus article, one test case each (or one "corpus-missing" case that skips).
ARTICLES = [pytest.param(SEED, id=SEED.stem), *corpus_params(wikinews_texts)]
#: Digit groups ("3 000", "1,5") and capitalised words, found with plain regexes.
NUMBER = re.compile(r"\d+(?:[.,\s\u202f\u00a0]\d+)*")
CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Ý][\w'’-]*")
#: Openers a rewritten sentence may add ("Selon X, ...").
OPENERS = {"selon"}


def unsupported(sentences: list[str], article: str) -> list[str]:
    """Numbers and names of ``sentences`` the article never wrote (an independent oracle:
    regexes over the article text, no code shared with the summariser's own filters)."""
    numbers = {re.sub(r"\D", "", number) for number in NUMBER.findall(article)}
    names = set(re.findall(r"\w+", article))
    folded = {word.casefold() for word in names} | OPENERS
    found = []
    for sentence in sentences:
        found += [n for n in NUMBER.findall(sentence) if re.sub(r"\D", "", n) not in numbers]
        for match in CAPITALISED.finditer(sentence):
            parts = re.findall(r"\w+", match.group())
            # A sentence's first word is capitalised anyway: any case will do there.
            if match.start() == 0:
                found += [part for part in parts if part.casefold() not in folded]
            else:
                found += [part for part in parts if part not in names]
    return found


def _corpus_articles() -> list[Path]:
    return [SEED, *need(wikinews_texts)]


def _summary(path: Path) -> tuple[Document, PlainSummary]:
    if path not in _SUMMARIES:
        document = parse_file(path)
        _SUMMARIES[path] = (document, summarize(document))
    return _SUMMARIES[path]


def _article(document: Document) -> str:
    return f"{document.title}\n{document.text}"


@pytest.mark.parametrize("path", ARTICLES)
def test_summary_is_three_to_six_faithful_sentences(path: Path) -> None:
    document, summary = _summary(path)
    assert 2 <= len(summary.sentences) <= 6 or summary.original.sentences < 6
    sentences = [*summary.essentiel, *summary.sentences, *(b.sentence for b in summary.briefs)]
    assert unsupported(sentences, _article(document)) == []
    verdicts = check(analyse(document), [s[:1].upper() + s[1:] for s in sentences])
    assert [(v.sentence, v.problems) for v in verdicts if not v.supported] == []
    assert all(sentence.endswith((".", "!", "?", "…")) for sentence in sentences)


def test_invented_numbers_and_names_are_caught_by_the_oracle() -> None:
    article = "Le 3 mai, Jean Dupont a visité Brest avec 1 200 élèves."
    assert unsupported(["Jean Dupont a visité Brest avec 1 200 élèves."], article) == []
    assert unsupported(["Selon Jean Dupont, 1 300 élèves sont venus."], article) == ["1 300"]
    assert unsupported(["Pierre Dupont a visité Rennes."], article) == ["Pierre", "Rennes"]


@pytest.mark.xfail(
    reason="issue 10 target not reached yet: about 14 words a sentence on this corpus (target 12)",
    strict=False,
)
def test_summaries_meet_the_ease_targets_over_the_corpus() -> None:
    articles = _corpus_articles()
    lengths = [len(words(s)) for path in articles for s in _summary(path)[1].sentences]
    assert sum(lengths) / len(lengths) <= 12
    assert sum(length <= 15 for length in lengths) / len(lengths) >= 0.9
    original = [_summary(path)[1].original.kandel_moles for path in articles]
    simplified = [_summary(path)[1].simplified.kandel_moles for path in articles]
    assert sum(simplified) > sum(original)


@pytest.mark.xfail(
    reason="issue 10: the lead's keyphrases that the summary misses sit in circumstances the "
    "compression drops and in sentences not chosen (essentiel and summary 160 vs lead 168)",
    strict=False,
)
def test_summaries_cover_at_least_the_keyphrases_of_the_lead() -> None:
    table = need(keyphrases)
    summary_hits = lead_hits = 0
    for path in _corpus_articles():
        phrases = [phrase.casefold() for phrase in table.get(path.stem, [])]
        document, summary = _summary(path)
        # The summary as it is read: the essentiel, then the points that do not repeat it.
        text = " ".join([*summary.essentiel, *summary.sentences])
        lead = " ".join(document.text.split()[: len(text.split())])
        summary_hits += sum(phrase in text.casefold() for phrase in phrases)
        lead_hits += sum(phrase in lead.casefold() for phrase in phrases)
    assert summary_hits >= lead_hits > 0


def test_same_article_gives_byte_identical_output() -> None:
    document = parse_file(SEED)
    first, second = summarize(document), summarize(parse_file(SEED))
    assert render_json(first, document) == render_json(second, document)
    assert render_html(first, document) == render_html(second, document)


def test_seed_summary_says_what_china_asked_for_and_points_at_nothing_missing() -> None:
    _, summary = _summary(SEED)
    told = " ".join([*summary.essentiel, *summary.sentences])
    # What the delegation asked for (issue 10), as the article words it.
    asks = ["pays en développement", "mécanisme international", "humanité", "risques"]
    assert sum(ask in told for ask in asks) >= 2, told
    assert not any(re.search(r"\bensuite\b", sentence) for sentence in summary.sentences)
    # The summary, read after the essentiel, does not say it again.
    assert not set(summary.essentiel) & set(summary.sentences)


def test_acronym_is_expanded_from_the_article_at_first_use() -> None:
    _, summary = _summary(SEED)
    ia = next(entry for entry in summary.glossary if entry.term == "IA")
    assert (ia.source, ia.definition) == ("article", "Intelligence artificielle.")
    first_use = next(s for s in summary.sentences if "IA" in s)
    assert "intelligence artificielle" in first_use


def test_every_section_gets_a_short_brief() -> None:
    document, summary = _summary(SEED)
    ids = [brief.section_id for brief in summary.briefs]
    assert ids == [s.id for s in document.sections if s.id in ids]
    assert len(ids) >= len(document.sections) - 1
    assert all(len(words(brief.sentence)) <= BRIEF_WORDS for brief in summary.briefs)


def _compressed(sentence: str) -> list[str]:
    return [piece.text for piece in compress(analyse_sentence(sentence))]


def test_compression_keeps_what_the_claim_depends_on() -> None:
    """The three meaning changes of the earlier summariser do not happen."""
    _, summary = _summary(SEED)
    said = " ".join([*summary.essentiel, *summary.sentences])
    assert "La gouvernance est" not in said
    assert not re.search(r"représentation des pays(?! en développement)", said)
    assert "connaissances et sa sagesse." not in said


def test_compression_drops_incidental_parts_and_splits_conjoined_clauses() -> None:
    pieces = _compressed(
        "La délégation chinoise a fait la promotion de l'Initiative pour la gouvernance "
        "mondiale de l'IA lancée par la Chine lors du 3e Forum de la Ceinture et la Route, "
        "et a indiqué qu'elle prendrait part à des entretiens bilatéraux avec les pays concernés."
    )
    assert pieces[0] == (
        "La délégation chinoise a fait la promotion de l'Initiative pour la gouvernance "
        "mondiale de l'IA."
    )
    assert pieces[1].startswith("La délégation chinoise a indiqué qu'elle prendrait part")
    assert _compressed("La délégation chinoise a ensuite participé à des discussions.") == [
        "La délégation chinoise a participé à des discussions."
    ]
    # The comma that closed a removed part does not stay before "et".
    assert _compressed(
        "La Chine était disposée à travailler avec toutes les parties pour mettre en oeuvre "
        "l'Initiative pour le développement mondial, et à promouvoir des technologies de l'IA."
    ) == ["La Chine était disposée à travailler et à promouvoir des technologies de l'IA."]
    assert _compressed("Le maire a visité l'école, et il a parlé aux élèves.") == [
        "Le maire a visité l'école, et il a parlé aux élèves."
    ]


def test_datelines_quotations_and_questions_are_left_out() -> None:
    assert _compressed("22 mai 2012. -") == []
    assert _compressed("« Nous sommes prêts », a déclaré le ministre.") == []
    assert _compressed("Le gouvernement va-t-il reculer ?") == []


def test_people_are_introduced_once_and_pronouns_get_their_referent() -> None:
    described = introduce(
        ["Wu Zhaohui a parlé.", "Wu Zhaohui, vice-ministre chinois, a conclu."],
        {"Wu Zhaohui": "vice-ministre chinois"},
    )
    assert described == ["Wu Zhaohui, vice-ministre chinois, a parlé.", "Wu Zhaohui a conclu."]
    # A sentence that already says who the person is is not told it again.
    macron = {"Emmanuel Macron": "le président de la République"}
    for said in (
        "Le président de la République, Emmanuel Macron, a annoncé une réforme.",
        "Le président de la République Emmanuel Macron a annoncé une réforme.",
    ):
        assert introduce([said], macron) == [said]
    _, summary = _summary(SEED)
    assert not any(s.startswith(("Elle ", "Il ")) for s in summary.sentences)


def test_a_rare_verb_becomes_a_frequent_synonym_in_the_same_form() -> None:
    text = "Les pompiers ont exhorté les habitants de Rennes à partir."
    assert plain_words(text, analyse_sentence(text)) == (
        "Les pompiers ont encouragé les habitants de Rennes à partir."
    )
    text = "Le maire exhorte les habitants à rester chez eux."
    assert plain_words(text, analyse_sentence(text)) == (
        "Le maire encourage les habitants à rester chez eux."
    )
    common = "Le maire demande aux habitants de rester chez eux."
    assert plain_words(common, analyse_sentence(common)) == common
    # The seed's "a exhorté toutes les parties" is said plainly, and still checked.
    _, summary = _summary(SEED)
    told = " ".join([*summary.essentiel, *summary.sentences])
    assert "exhort" not in told and "a encouragé toutes les parties" in told


def test_essentiel_tells_the_story_in_at_most_forty_words() -> None:
    document, summary = _summary(SEED)
    assert 1 <= len(summary.essentiel) <= 2
    assert len(words(" ".join(summary.essentiel))) <= 40
    assert "pays en développement" in " ".join(summary.essentiel)
    assert document.title not in summary.essentiel


def test_briefs_do_not_repeat_the_summary_and_continue_after_the_colon() -> None:
    _, summary = _summary(SEED)
    for brief in summary.briefs:
        assert brief.sentence not in summary.sentences
        assert brief.sentence[:1].islower() or brief.sentence.split()[0][:1].isupper()


def test_acronym_gets_its_expansion_at_first_use_only() -> None:
    sentences = ["Le SMIC augmente.", "Le SMIC vaut plus."]
    expanded = gloss_acronyms(
        sentences, {"SMIC": "salaire minimum interprofessionnel de croissance"}
    )
    assert expanded == [
        "Le SMIC (salaire minimum interprofessionnel de croissance) augmente.",
        "Le SMIC vaut plus.",
    ]


def test_fragment_is_well_formed_and_escaped() -> None:
    _, summary = _summary(SEED)
    fragment = render_fragment(summary, heading_level=3)
    root = etree.fromstring(fragment.encode("utf-8"))
    texts = [heading.text for heading in root.iter("h3", "h4")]
    assert texts[0] == "Résumé en langage clair"
    assert {"Glossaire", "Lisibilité"} <= set(texts)
    assert root.find(".//dl/dt/dfn") is not None
    assert root.find(".//table/caption") is not None
    assert {th.get("scope") for th in root.iter("th")} == {"col", "row"}
    hostile = PlainSummary(
        sentences=("Le <script> & « test ».",),
        briefs=(),
        glossary=(),
        original=summary.original,
        simplified=summary.simplified,
    )
    escaped = etree.fromstring(render_fragment(hostile).encode("utf-8"))
    assert escaped.find(".//script") is None
    assert "Le <script> & « test »." in "".join(escaped.itertext())


def test_html_page_is_accessible_french() -> None:
    document, summary = _summary(SEED)
    root = etree.fromstring(render_html(summary, document).encode("utf-8"))
    assert root.get("lang") == "fr"
    assert root.findtext("head/title")
    assert len(root.findall(".//h1")) == 1
    assert root.findtext(".//h1") == document.title


def test_markdown_lists_each_summary_sentence() -> None:
    document, summary = _summary(SEED)
    markdown = render_markdown(summary, document)
    assert markdown.startswith(f"# {document.title}\n")
    for sentence in summary.sentences:
        assert f"- {sentence}\n" in markdown


def test_narrated_summary_reads_summary_briefs_and_glossary_as_chapters() -> None:
    document, summary = _summary(SEED)
    spoken = summary_document(summary, document)
    titles = [s.title for s in spoken.sections]
    assert titles[:2] == ["L'essentiel", "Les points clés"]
    assert "Glossaire" in titles
    assert [s.text for s in spoken.sections[0].sentences()] == list(summary.essentiel)
    assert [s.text for s in spoken.sections[1].sentences()] == list(summary.sentences)
    # "Résumé en langage clair" is said once: in the title, not again as a heading.
    assert SUMMARY_HEADING not in titles


def test_exporter_writes_markdown_html_json_and_narrated_mp3(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    document = parse_file(SEED)
    narrator = Narrator(fake_engine, cache=AudioCache(tmp_path / "cache"))
    context = ExportContext(
        document=document,
        slug="seed",
        out_dir=tmp_path / "out",
        narrate=narrator.narrate,
        summarize=summarize,
    )
    written = SummaryExporter().export(context)
    names = [path.name for path in written]
    assert names == ["summary.md", "summary.html", "summary.json", "summary.mp3"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    report = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert report["summary"] == list(context.summary.sentences)
    assert (
        report["readability"]["summary"]["kandel_moles"] == context.summary.simplified.kandel_moles
    )
    assert {entry["term"] for entry in report["glossary"]} >= {"IA"}
    # What is narrated is the summary, not the article.
    assert fake_engine.calls
    assert any(call.startswith(context.summary.sentences[0][:20]) for call in fake_engine.calls)
    assert not any("qui a ouvert le sommet" in call for call in fake_engine.calls)
    tags = ID3(tmp_path / "out" / "summary.mp3")
    assert "résumé" in str(tags["TIT2"])
    assert len(tags.getall("CHAP")) == len(summary_document(context.summary, document).sections)
    assert str(tags["COMM::fra"] if "COMM::fra" in tags else tags.getall("COMM")[0]) == " ".join(
        context.summary.essentiel
    )
    assert report["essentiel"] == " ".join(context.summary.essentiel)


def test_the_glossary_explains_words_the_summary_uses() -> None:
    _, summary = _summary(SEED)
    said = " ".join([*summary.essentiel, *summary.sentences]).casefold()
    words_explained = [entry.term for entry in summary.glossary if entry.kind == "word"]
    # (The seed's one hard word was "exhorter": the summary now says "encourager".)
    assert all(term.casefold()[:5] in said for term in words_explained)
    assert "exhorter" not in words_explained
