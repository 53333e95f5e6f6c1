"""The accessible EPUB 3 exporter (registered as ``epub`` and ``epub-text``)."""

from exporter.exporters.epub import book  # noqa: F401  (registers itself)
