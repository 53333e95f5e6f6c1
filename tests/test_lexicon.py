"""User pronunciation lexicons (TOML and W3C PLS) applied before synthesis."""

from pathlib import Path

import pytest

from exporter.errors import ConfigError
from exporter.narration.narrator import Narrator
from exporter.text.lexicon import Lexicon, load_lexicon, load_lexicons, parse_toml_lexicon
from tests.conftest import FakeEngine
from tests.test_narration import _document

PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="fr">
  <lexeme><grapheme>Beijing</grapheme><grapheme>BEIJING</grapheme><alias>Pékin</alias></lexeme>
  <lexeme><grapheme>Wu Zhaohui</grapheme><alias>Ou Djao-oué</alias></lexeme>
  <lexeme><grapheme>tomato</grapheme><phoneme>təˈmeɪɾoʊ</phoneme></lexeme>
</lexicon>""".encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le forum de Beijing.", "Le forum de Pékin."),
        ("Beijing, Beijing !", "Pékin, Pékin !"),
        ("Beijingois", "Beijingois"),  # whole words only
        ("beijing", "beijing"),  # case-sensitive
        ("Wu Zhaohui a parlé.", "Ou Djao-oué a parlé."),
        ("Wu a parlé.", "Wu a parlé."),
    ],
)
def test_pls_lexicon(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "noms.pls"
    path.write_bytes(PLS)
    assert load_lexicon(path).apply(text) == expected


def test_toml_lexicon_and_merge_order(tmp_path: Path) -> None:
    first = tmp_path / "a.toml"
    first.write_text('[words]\n"Beijing" = "Pékin"\n"ONU" = "Onu"\n', encoding="utf-8")
    second = tmp_path / "b.toml"
    second.write_text('[words]\n"Beijing" = "Beïjing"\n', encoding="utf-8")
    lexicon = load_lexicons([first, second])
    assert lexicon.apply("À Beijing, l'ONU.") == "À Beïjing, l'Onu."


@pytest.mark.parametrize("text", ['[words]\n"x" = 3\n', "not toml at all ==", "words = 1"])
def test_bad_toml_lexicon_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_toml_lexicon(text)


def test_bad_pls_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "x.pls"
    path.write_bytes(b"<lexicon><lexeme>")
    with pytest.raises(ConfigError, match=r"x\.pls"):
        load_lexicon(path)


def test_the_engine_hears_the_lexicon_reading() -> None:
    engine = FakeEngine()
    lexicon = Lexicon(entries={"Beijing": "Pékin"})
    Narrator(engine, lexicon=lexicon).narrate(_document([["Il arrive à Beijing."]]))
    assert "Il arrive à Pékin." in engine.calls
    assert not any("Beijing" in call for call in engine.calls)
