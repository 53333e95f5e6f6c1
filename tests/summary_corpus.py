"""Real corpus articles as Documents, for the plain-language summary tests and benchmark."""

from __future__ import annotations

import os
from pathlib import Path

from exporter.model import Document
from exporter.parsers import parse_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("EXPORTER_CORPUS", ROOT.parent / "shared" / "corpus"))
SEED = ROOT / "input" / "chine-cooperation-securite-ia.txt"
WIKINEWS = sorted((CORPUS / "wikinews-fr" / "text").glob("*.txt"))
ARTICLES = [SEED, *WIKINEWS]


def load_document(path: Path) -> Document:
    return parse_file(path)
