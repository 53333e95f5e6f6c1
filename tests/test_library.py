"""The library page build/index.html: every article, playable, downloadable, accessible."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from exporter.batch.library import render_library, write_library
from exporter.batch.manifest import ManifestEntry
from exporter.batch.run import BatchOptions, run_batch
from exporter.options import BuildOptions
from tests.conftest import FakeEngine

XHTML = "{http://www.w3.org/1999/xhtml}"


def _page(path: Path) -> etree._Element:
    # Well-formed XML, so a strict parser is a first validity check.
    return etree.fromstring(path.read_bytes())


def _all(page: etree._Element, tag: str) -> list[etree._Element]:
    return list(page.iter(f"{XHTML}{tag}"))


def test_batch_writes_a_page_listing_each_article(tmp_path: Path, fake_engine: FakeEngine) -> None:
    articles = tmp_path / "input"
    articles.mkdir()
    (articles / "un.txt").write_text(
        "Premier titre\n\nUne phrase. Une autre phrase.\n", encoding="utf-8"
    )
    (articles / "deux.md").write_text(
        "---\ntitle: Second titre\ndate: 2024-03-05\n---\n\nDu texte. Encore du texte.\n",
        encoding="utf-8",
    )
    out = tmp_path / "build"
    build = BuildOptions(out_dir=out, engine="fake", formats=("mp3", "summary"))
    run_batch(articles, BatchOptions(build=build, jobs=1))

    page = _page(out / "index.html")
    assert page.get("lang") == "fr"
    assert _all(page, "title")[0].text
    assert len(_all(page, "h1")) == 1 and len(_all(page, "main")) == 1
    headings = sorted("".join(h.itertext()) for h in _all(page, "h2"))
    assert headings == ["Premier titre", "Second titre"]
    players = _all(page, "audio")
    assert len(players) == 2
    for player in players:
        assert player.get("controls") is not None and player.get("aria-label")
        assert (out / unquote(player.get("src", ""))).is_file()
    links = _all(page, "a")
    assert links and all("".join(link.itertext()).strip() for link in links)
    for link in links:
        assert (out / unquote(link.get("href", ""))).is_file()
    texts = {"".join(link.itertext()) for link in links}
    assert {"MP3", "Résumé"} <= texts
    durations = [t for t in _all(page, "time") if t.get("datetime", "").startswith("PT")]
    assert len(durations) == 2


def test_text_from_articles_is_escaped(tmp_path: Path) -> None:
    hostile = 'Un <script>alert("x")</script> & « guillemets »'
    entry = ManifestEntry(
        source="a.txt",
        key="k",
        outputs=("a/a.mp3",),
        title=hostile,
        date='2024-01-01" onload="x',
        duration_seconds=65,
    )
    html = render_library(tmp_path, {"a": entry})
    assert "<script>" not in html and 'onload="x' not in html
    page = etree.fromstring(html.encode("utf-8"))
    assert "".join(_all(page, "h2")[0].itertext()) == hostile


def test_newest_first_and_an_empty_library_says_so(tmp_path: Path) -> None:
    older = ManifestEntry(source="a", key="1", outputs=(), title="Ancien", date="2023-06-01")
    newer = ManifestEntry(source="b", key="2", outputs=(), title="Récent", date="2024-02-01")
    page = etree.fromstring(render_library(tmp_path, {"a": older, "b": newer}).encode())
    assert ["".join(h.itertext()) for h in _all(page, "h2")] == ["Récent", "Ancien"]
    assert "1er février 2024" in "".join(page.itertext())

    empty = _page(write_library(tmp_path, {}))
    assert _all(empty, "h2") == [] and "Aucun article" in "".join(empty.itertext())
