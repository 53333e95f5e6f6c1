"""Helpers shared by the EPUB and validator tests: build a book, read it back, and
skip (or fail, under EXPORTER_REQUIRE_VALIDATORS=1) when a validator is missing."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from exporter.check.validators import ValidatorStatus
from exporter.exporters import ExportContext, get_exporter
from exporter.model import Document
from exporter.narration.model import Narration
from exporter.summary.summarize import summarize

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def no_narration(document: Document) -> Narration:
    raise AssertionError("a text-only EPUB must not narrate")


def build_epub(
    document: Document,
    out_dir: Path,
    slug: str = "article",
    *,
    narrate: Callable[[Document], Narration] | None = None,
) -> Path:
    """Export ``document`` with the real summarizer: with Media Overlays read by
    ``narrate`` (the "epub" format), or text only ("epub-text") when it is None."""
    context = ExportContext(
        document=document,
        slug=slug,
        out_dir=out_dir,
        narrate=narrate or no_narration,
        summarize=summarize,
    )
    (path,) = get_exporter("epub" if narrate else "epub-text").export(context)
    return path


@dataclass(frozen=True)
class EpubContents:
    """An EPUB read back: every XML file parsed, in the package's reading order."""

    names: tuple[str, ...]
    package: Any
    documents: dict[str, Any]
    spine: tuple[str, ...]
    nav_name: str

    def metadata(self, tag: str) -> list[str]:
        return [element.text or "" for element in self.package.iter(f"{DC}{tag}")]

    def properties(self, name: str) -> list[str]:
        return [
            element.text or ""
            for element in self.package.iter(f"{OPF}meta")
            if element.get("property") == name
        ]

    @property
    def nav(self) -> Any:
        return self.documents[self.nav_name]

    def toc_entries(self) -> list[tuple[str, str]]:
        toc = next(n for n in self.nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "toc")
        return [("".join(a.itertext()), a.get("href")) for a in toc.iter(f"{XHTML}a")]


def read_epub(path: Path) -> EpubContents:
    with zipfile.ZipFile(path) as archive:
        names = tuple(archive.namelist())
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_name = container.find(".//{*}rootfile").get("full-path")
        folder = opf_name.rsplit("/", 1)[0] + "/" if "/" in opf_name else ""
        package = etree.fromstring(archive.read(opf_name))
        manifest = {item.get("id"): item for item in package.iter(f"{OPF}item")}
        documents = {
            item.get("href"): etree.fromstring(archive.read(folder + item.get("href")))
            for item in manifest.values()
            if item.get("media-type") == "application/xhtml+xml"
        }
        spine = tuple(
            manifest[ref.get("idref")].get("href") for ref in package.iter(f"{OPF}itemref")
        )
        nav_name = next(
            item.get("href")
            for item in manifest.values()
            if "nav" in (item.get("properties") or "").split()
        )
    return EpubContents(
        names=names, package=package, documents=documents, spine=spine, nav_name=nav_name
    )


def require(status: ValidatorStatus) -> None:
    """Skip the test when the validator is missing, unless validators are required."""
    if status.installed:
        return
    message = f"{status.name} is not installed ({status.detail}); install: {status.install_command}"
    if os.environ.get("EXPORTER_REQUIRE_VALIDATORS") == "1":
        pytest.fail(message)
    pytest.skip(message)
