"""Narrating an existing EPUB: the publisher's book, with its narration synchronised.

``exporter build book.epub`` reads a text-only EPUB (2 or 3; :mod:`exporter.parsers.
epub_input`), gives the elements it reads aloud ids (sentences are wrapped in ``<span>``
where a paragraph is plain text; :mod:`exporter.epub_input.marking`), narrates the book
with one chapter per navigation entry (:mod:`exporter.epub_input.plan`), and writes a new
EPUB 3 with Media Overlays that keeps every other byte of the publisher's files
(:mod:`exporter.epub_input.package`), plus the audio outputs asked for.
"""
