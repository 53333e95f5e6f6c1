"""exporter: turn French news articles into accessible media.

An article (plain text, Markdown or HTML) is parsed into a :class:`~exporter.model.Document`
of titled sections; exporters then write a chaptered MP3 narration, an accessible EPUB 3 and
a plain-language summary.
"""

__version__ = "0.1.0"
