"""Input decoding and refusal of bad input."""

from pathlib import Path

import pytest

from exporter.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError
from exporter.parsers.reading import read_article_text

TEXT = "Titre\nL'été à Besançon : « Ça déménage », dit-il.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
        TEXT.encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252", "latin1"],
)
def test_encodings_are_detected(tmp_path: Path, encoded: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    assert read_article_text(path).replace("\r", "") == TEXT


def test_cp1252_quotes_and_euro(tmp_path: Path) -> None:
    text = "Prix\nIl coûte 15 € – c’est « cher », a-t-il déclaré à l’AFP.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_article_text(path) == text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\t\n  ", EmptyInputError),
        ("\ufeff  \n".encode("utf-8-sig"), EmptyInputError),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError),
        (bytes(range(256)) * 4, BinaryInputError),
        (b"\xef\xbb\xbfabc\xff\xfe", EncodingError),
    ],
    ids=["empty", "whitespace", "bom-only", "pdf", "png", "random-bytes", "bad-utf8-after-bom"],
)
def test_bad_input_is_refused_with_the_file_name(tmp_path: Path, data: bytes, error: type) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error) as raised:
        read_article_text(path)
    assert "bad.txt" in str(raised.value)


def test_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Titre\n" + "Une phrase. " * 1000, encoding="utf-8")
    with pytest.raises(InputTooLargeError, match=r"big\.txt"):
        read_article_text(path, max_bytes=1000)
