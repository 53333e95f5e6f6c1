"""Render a plain-language summary as Markdown, an XHTML fragment or a whole HTML page."""

from __future__ import annotations

from html import escape

from exporter.escaping import markdown_text
from exporter.model import Document
from exporter.summary.model import GlossaryEntry, PlainSummary, Readability

SUMMARY_HEADING = "Résumé en langage clair"
ESSENTIEL_HEADING = "L'essentiel"
#: The summary's list under "L'essentiel", where both share a heading (EPUB, HTML).
POINTS_HEADING = "Les points clés"
BRIEFS_HEADING = "En bref"
GLOSSARY_HEADING = "Glossaire"
READABILITY_HEADING = "Lisibilité"
READABILITY_CAPTION = (
    "Lisibilité de l'article et du résumé "
    "(score de Kandel et Moles : plus il est haut, plus le texte est facile)"
)

_SOURCE_LABELS = {"article": "d'après l'article", "dictionary": "d'après le Wiktionnaire"}

# Dark text on a light background (contrast well above WCAG AA), a large line height
# and a short measure, as easy-to-read guidelines advise.
PAGE_CSS = """
body { font-family: Verdana, Arial, sans-serif; font-size: 1.2rem; line-height: 1.6;
       color: #1a1a1a; background: #fdfdf8; max-width: 40em; margin: 0 auto; padding: 1em; }
h1, h2, h3 { line-height: 1.3; color: #102a43; }
p, li, dd { margin-bottom: 0.8em; }
dfn { font-style: normal; font-weight: bold; }
table { border-collapse: collapse; margin: 1em 0; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.5em; }
th, td { border: 1px solid #4a4a4a; padding: 0.4em 0.8em; text-align: left; }
a { color: #0b4f8a; }
""".strip()


def _readability_rows(summary: PlainSummary) -> list[tuple[str, str, str]]:
    def row(label: str, pick: str) -> tuple[str, str, str]:
        return (label, _figure(summary.original, pick), _figure(summary.simplified, pick))

    return [
        row("Nombre de phrases", "sentences"),
        row("Nombre de mots", "words"),
        row("Mots par phrase", "words_per_sentence"),
        row("Syllabes par mot", "syllables_per_word"),
        row("Score de Kandel et Moles", "kandel_moles"),
    ]


def _figure(readability: Readability, name: str) -> str:
    value = getattr(readability, name)
    if isinstance(value, float):
        return (
            f"{value:.1f}".replace(".", ",")
            if name != "syllables_per_word"
            else f"{value:.2f}".replace(".", ",")
        )
    return str(value)


def _source_note(entry: GlossaryEntry) -> str:
    return _SOURCE_LABELS.get(entry.source, entry.source)


def render_markdown(summary: PlainSummary, document: Document) -> str:
    """Markdown; every text that comes from the article is escaped (:mod:`exporter.escaping`)."""
    md = markdown_text
    lines = [f"# {md(document.title)}", ""]
    if summary.essentiel:
        essentiel = " ".join(md(sentence) for sentence in summary.essentiel)
        lines += [f"## {ESSENTIEL_HEADING}", "", essentiel, ""]
    lines += [f"## {SUMMARY_HEADING}", ""]
    lines += [f"- {md(sentence)}" for sentence in summary.sentences]
    if summary.briefs:
        lines += ["", f"## {BRIEFS_HEADING}", ""]
        lines += [f"- **{md(brief.title)}** : {md(brief.sentence)}" for brief in summary.briefs]
    if summary.glossary:
        lines += ["", f"## {GLOSSARY_HEADING}", ""]
        lines += [
            f"- **{md(entry.term)}** : {md(entry.definition)} ({_source_note(entry)})"
            for entry in summary.glossary
        ]
    lines += ["", f"## {READABILITY_HEADING}", "", f"{READABILITY_CAPTION}.", ""]
    lines += ["| Mesure | Article | Résumé |", "| --- | --- | --- |"]
    lines += [
        f"| {label} | {original} | {simplified} |"
        for label, original, simplified in _readability_rows(summary)
    ]
    return "\n".join(lines) + "\n"


def render_fragment(summary: PlainSummary, *, heading_level: int = 2) -> str:
    """A well-formed XHTML fragment (one <section>), every text escaped."""
    h = f"h{heading_level}"
    sub = f"h{heading_level + 1}"
    parts = ['<section class="plain-summary" lang="fr" xml:lang="fr">']
    if summary.essentiel:
        parts += [
            f"<{h}>{escape(SUMMARY_HEADING)}</{h}>",
            f"<{sub}>{escape(ESSENTIEL_HEADING)}</{sub}>",
            f'<p class="essentiel">{escape(" ".join(summary.essentiel))}</p>',
            f"<{sub}>{escape(POINTS_HEADING)}</{sub}>",
        ]
    else:
        parts.append(f"<{h}>{escape(SUMMARY_HEADING)}</{h}>")
    parts += [
        "<ul>",
        *(f"<li>{escape(sentence)}</li>" for sentence in summary.sentences),
        "</ul>",
    ]
    if summary.briefs:
        parts += [f"<{sub}>{escape(BRIEFS_HEADING)}</{sub}>", "<ul>"]
        parts += [
            f"<li><strong>{escape(brief.title)}</strong> : {escape(brief.sentence)}</li>"
            for brief in summary.briefs
        ]
        parts.append("</ul>")
    if summary.glossary:
        parts += [f"<{sub}>{escape(GLOSSARY_HEADING)}</{sub}>", "<dl>"]
        for entry in summary.glossary:
            term = escape(entry.term)
            if entry.kind == "acronym":
                term = f'<abbr title="{escape(entry.definition.rstrip("."))}">{term}</abbr>'
            parts.append(f"<dt><dfn>{term}</dfn></dt>")
            parts.append(
                f"<dd>{escape(entry.definition)} "
                f"<small>({escape(_source_note(entry))})</small></dd>"
            )
        parts.append("</dl>")
    parts += [
        f"<{sub}>{escape(READABILITY_HEADING)}</{sub}>",
        "<table>",
        f"<caption>{escape(READABILITY_CAPTION)}</caption>",
        '<thead><tr><th scope="col">Mesure</th><th scope="col">Article</th>'
        '<th scope="col">Résumé</th></tr></thead>',
        "<tbody>",
    ]
    parts += [
        f'<tr><th scope="row">{escape(label)}</th>'
        f"<td>{escape(original)}</td><td>{escape(simplified)}</td></tr>"
        for label, original, simplified in _readability_rows(summary)
    ]
    parts += ["</tbody>", "</table>", "</section>"]
    return "\n".join(parts) + "\n"


def render_html(summary: PlainSummary, document: Document) -> str:
    """A complete, accessible HTML5 page in French."""
    title = escape(document.title)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr">',
            "<head>",
            '<meta charset="utf-8"/>',
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
            f"<title>{title} : {escape(SUMMARY_HEADING.lower())}</title>",
            f"<style>\n{PAGE_CSS}\n</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{title}</h1>",
            render_fragment(summary, heading_level=2).rstrip("\n"),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
