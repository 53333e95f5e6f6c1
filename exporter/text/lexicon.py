"""Pronunciation lexicons: the user's own readings, applied before synthesis.

Two sources, merged in order (a later entry wins):

- a TOML file (``lexicon.toml`` in the project folder by default)::

      [words]
      "Beijing" = "Pékin"
      "Xi Jinping" = "Si Jinne-pingue"

- a W3C PLS 1.0 file (Pronunciation Lexicon Specification): each ``<lexeme>``'s
  ``<grapheme>`` entries are replaced by its ``<alias>``. Entries that give only a
  ``<phoneme>`` cannot be passed to engines that take plain text: they are skipped
  with a warning.

Matching is on whole words and case-sensitive (a name is a name), longest entry first.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from exporter.errors import ConfigError
from exporter.text.speech_marks import keep
from exporter.xmlutil import local_name

log = logging.getLogger(__name__)

PLS_NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon"


@dataclass(frozen=True, kw_only=True, slots=True)
class Lexicon:
    entries: Mapping[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pattern", _compile(self.entries))

    def apply(self, text: str, *, mark: bool = False) -> str:
        """Replace every entry; with ``mark``, wrap each replacement so the speech steps
        (names, acronyms, homographs, typos) leave it as the user wrote it."""
        if self._pattern is None:
            return text
        if mark:
            return self._pattern.sub(lambda match: keep(self.entries[match.group(0)]), text)
        return self._pattern.sub(lambda match: self.entries[match.group(0)], text)

    def merged(self, other: Lexicon) -> Lexicon:
        return Lexicon(entries={**self.entries, **other.entries})


def _compile(entries: Mapping[str, str]) -> re.Pattern[str] | None:
    if not entries:
        return None
    alternatives = "|".join(re.escape(key) for key in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def parse_toml_lexicon(text: str, *, source: str = "<lexicon>") -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error})") from error
    words = data.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and key.strip()
        for key, value in words.items()
    ):
        raise ConfigError(f'{source}: expected a [words] table of "written" = "spoken" strings')
    return Lexicon(entries={key.strip(): value for key, value in words.items()})


def parse_pls_lexicon(data: bytes, *, source: str = "<lexicon>") -> Lexicon:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ConfigError(f"{source}: not a valid PLS (XML) file ({error})") from error
    if etree.QName(root).localname != "lexicon":
        raise ConfigError(f"{source}: the root element is not a PLS <lexicon>")
    entries: dict[str, str] = {}
    for lexeme in root.iter(f"{{{PLS_NAMESPACE}}}lexeme", "lexeme"):
        graphemes = [g.text.strip() for g in lexeme if local_name(g) == "grapheme" and g.text]
        aliases = [a.text.strip() for a in lexeme if local_name(a) == "alias" and a.text]
        if not aliases:
            log.warning(
                "%s: lexeme %s has no <alias> (phonemes are not supported): skipped",
                source,
                graphemes,
            )
            continue
        for grapheme in graphemes:
            entries[grapheme] = aliases[0]
    return Lexicon(entries=entries)


def load_lexicon(path: Path) -> Lexicon:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the lexicon ({error.strerror or error})") from error
    if path.suffix.lower() in (".pls", ".xml"):
        return parse_pls_lexicon(data, source=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: the lexicon is not UTF-8 (byte {error.start})",
            hint="Save it as UTF-8 (TOML files must be UTF-8).",
        ) from error
    return parse_toml_lexicon(text, source=str(path))


def load_lexicons(paths: Iterable[Path]) -> Lexicon:
    lexicon = Lexicon()
    for path in paths:
        lexicon = lexicon.merged(load_lexicon(path))
    return lexicon
