"""`exporter serve` over HTTP: library, files, feeds, submissions and their safety nets."""

from __future__ import annotations

import io
import json
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import feedparser
import httpx
import pytest
from lxml import etree
from starlette.testclient import TestClient

from exporter.batch.manifest import MANIFEST_NAME, load_manifest
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.options import BuildOptions
from exporter.serve import ServeOptions, make_app
from tests.conftest import FakeEngine, registered_engine
from tests.serve_helpers import build_library, use_fake_engine, vtt_cues

SLUG = "voiliers-brest"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def engine() -> Iterator[FakeEngine]:
    fake = FakeEngine()
    with registered_engine("fake", lambda: fake):
        yield fake


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, engine: FakeEngine) -> Path:
    return build_library(tmp_path_factory.mktemp("serve"))


def _client(build_dir: Path, **options: object) -> Iterator[TestClient]:
    settings = ServeOptions(
        build_dir=build_dir,
        build=BuildOptions(engine="fake", formats=("mp3", "transcript")),
        worker_setup=use_fake_engine,
        **options,  # type: ignore[arg-type]
    )
    app, queue = make_app(settings)
    try:
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            yield client
    finally:
        if queue is not None:
            queue.close()


@pytest.fixture
def client(library: Path) -> Iterator[TestClient]:
    yield from _client(library)


@pytest.fixture
def fresh(tmp_path: Path, library: Path, engine: FakeEngine) -> Iterator[tuple[TestClient, Path]]:
    """A client on a copy of the library, for tests that add or break articles."""
    build_dir = tmp_path / "build"
    shutil.copytree(library, build_dir)
    for client in _client(build_dir, input_dir=tmp_path / "input", queue_limit=1):
        yield client, build_dir


def _csrf(client: TestClient, path: str = "/soumettre") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found[1]


def _wait(client: TestClient, location: str) -> dict[str, str]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(f"{location}.json").json()
        if status["state"] in ("done", "failed"):
            return status  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError(f"{location} did not finish: {status}")


# -- library and article pages ----------------------------------------------------------------


def test_library_lists_the_article_with_its_summary_line_and_feeds(
    client: TestClient, library: Path
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text
    assert "Le port de Brest accueille les grands voiliers" in page.text
    summary = json.loads((library / SLUG / "summary.json").read_text(encoding="utf-8"))
    assert summary["essentiel"]
    assert summary["essentiel"].replace("'", "&#39;") in page.text
    assert 'href="/articles/voiliers-brest"' in page.text
    # Feed autodiscovery, for podcast and e-reader apps given the page's address.
    assert re.search(
        r'<link rel="alternate" type="application/rss\+xml"[^>]*href="/podcast.xml"', page.text
    )
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml;profile=opds-catalog[^"]*"'
        r'[^>]*href="/opds.xml"',
        page.text,
    )


def test_search_finds_words_of_title_and_summary_without_accents(client: TestClient) -> None:
    assert "voiliers-brest" in client.get("/", params={"q": "voilier"}).text  # a prefix
    assert "voiliers-brest" in client.get("/", params={"q": "BREST Port"}).text
    missing = client.get("/", params={"q": "éléphant"})
    assert "voiliers-brest" not in missing.text
    assert "0 article pour" in missing.text
    # Query syntax of the index is never interpreted: quotes and operators are words.
    assert client.get("/", params={"q": '"NEAR( OR * ^'}).status_code == 200


def test_article_page_has_every_sentence_with_its_transcript_timing(
    client: TestClient, library: Path
) -> None:
    page = client.get(f"/articles/{SLUG}")
    assert page.status_code == 200
    html = etree.HTML(page.text)
    spans = {
        span.get("id"): span for span in html.iter("span") if "cue" in (span.get("class") or "")
    }
    sentences = [cue for cue in vtt_cues(library / SLUG / f"{SLUG}.vtt") if "-s" in cue.id]
    assert len(sentences) == 8
    for cue in sentences:
        span = spans[cue.id]
        assert span.text == cue.text
        assert float(span.get("data-start")) == pytest.approx(cue.start, abs=0.001)
        assert float(span.get("data-end")) == pytest.approx(cue.end, abs=0.001)
    headings = [h.text for h in html.iter("h2") if "cue" in (h.get("class") or "")]
    assert headings[1:] == ["Une fête maritime", "Le programme de la semaine"]
    audio = next(html.iter("audio"))
    assert audio.get("src") == f"/files/{SLUG}/{SLUG}.mp3"
    assert "Glossaire" in page.text or "glossary" not in page.text


def test_ten_thousand_articles_page_and_search(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    articles = {
        f"article-{n:05d}": {
            "source": f"/in/article-{n:05d}.txt",
            "key": f"k{n}",
            "outputs": [],
            "title": f"Article numéro {n}" + (" sur les baleines" if n % 1000 == 7 else ""),
            "date": f"20{10 + n // 1000:02d}-01-{1 + n % 28:02d}",
            "duration_seconds": 60.0,
        }
        for n in range(10_000)
    }
    manifest = {"format": 1, "tool_version": "x", "articles": articles}
    (build_dir / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    for client in _client(build_dir, host="0.0.0.0"):  # read-only: no worker pool
        first = client.get("/")
        assert "10000 articles" in first.text
        titles = re.findall(r'<h2 id="t-[^"]+"><a [^>]*>([^<]+)</a>', first.text)
        assert len(titles) == 20
        # Newest first, then by title.
        expected = sorted(articles.values(), key=lambda a: a["title"].casefold())
        expected.sort(key=lambda a: a["date"], reverse=True)
        assert titles == [a["title"] for a in expected[:20]]
        last = client.get("/", params={"page": 500})
        assert "page 500 sur 500" in last.text
        assert len(re.findall(r'<h2 id="t-', last.text)) == 20
        whales = client.get("/", params={"q": "baleine"})
        assert "10 articles pour" in whales.text
        assert client.get("/soumettre").status_code == 403


# -- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "media_type", "download"),
    [
        (f"{SLUG}.mp3", "audio/mpeg", f"{SLUG}.mp3"),
        (f"{SLUG}.epub", "application/epub+zip", f"{SLUG}.epub"),
        (f"{SLUG}.vtt", "text/vtt; charset=utf-8", f"{SLUG}.vtt"),
        (f"{SLUG}.srt", "application/x-subrip; charset=utf-8", f"{SLUG}.srt"),
        ("summary.md", "text/markdown; charset=utf-8", f"{SLUG}-resume.md"),
        ("summary.json", "application/json", f"{SLUG}-resume.json"),
        ("summary.html", "text/html; charset=utf-8", f"{SLUG}-resume.html"),
    ],
)
def test_downloads_have_their_type_and_a_name_from_the_slug(
    client: TestClient, library: Path, name: str, media_type: str, download: str
) -> None:
    response = client.get(f"/files/{SLUG}/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert f'filename="{download}"' in response.headers["content-disposition"]
    assert response.content == (library / SLUG / name).read_bytes()
    assert "sandbox" in response.headers["content-security-policy"]


def test_audio_range_requests(client: TestClient, library: Path) -> None:
    data = (library / SLUG / f"{SLUG}.mp3").read_bytes()
    part = client.get(f"/files/{SLUG}/{SLUG}.mp3", headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(data)}"
    assert part.content == data[1000:2000]
    tail = client.get(f"/files/{SLUG}/{SLUG}.mp3", headers={"Range": "bytes=-500"})
    assert tail.status_code == 206 and tail.content == data[-500:]
    beyond = client.get(f"/files/{SLUG}/{SLUG}.mp3", headers={"Range": f"bytes={len(data) + 5}-"})
    assert beyond.status_code == 416


@pytest.mark.parametrize(
    "path",
    [
        f"/files/{SLUG}/../manifest.json",
        f"/files/{SLUG}/%2e%2e/manifest.json",
        f"/files/{SLUG}/..%2f..%2f..%2fetc%2fpasswd",
        "/files/..%2f..%2fetc/passwd",
        f"/files/{SLUG}/%2fetc%2fpasswd",
        "/files/manifest.json/x",
        f"/files/{SLUG}/.lock",
        "/articles/..%2fmanifest.json",
        "/static/..%2f..%2fapp.py",
    ],
)
def test_paths_outside_the_listed_files_are_not_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and '"articles"' not in response.text


# -- feeds ------------------------------------------------------------------------------------


def test_podcast_feed_parses_with_enclosures_matching_the_files(
    client: TestClient, library: Path
) -> None:
    response = client.get("/podcast.xml")
    assert response.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == "fr"
    assert "itunes" in feed.namespaces and "podcast" in feed.namespaces
    (item,) = feed.entries
    enclosure = item.enclosures[0]
    assert enclosure.type == "audio/mpeg"
    mp3 = library / SLUG / f"{SLUG}.mp3"
    assert int(enclosure.length) == mp3.stat().st_size
    assert client.get(httpx.URL(enclosure.href).path).content == mp3.read_bytes()
    assert item.guidislink is False
    root = etree.fromstring(response.content)
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    transcript = root.find(".//item/podcast:transcript", ns)
    assert transcript is not None and transcript.get("type") == "text/vtt"
    vtt = client.get(httpx.URL(transcript.get("url")).path)
    assert vtt.text.startswith("WEBVTT")
    chapters_url = root.find(".//item/podcast:chapters", ns).get("url")
    chapters = client.get(httpx.URL(chapters_url).path).json()
    cues = vtt_cues(library / SLUG / f"{SLUG}.vtt")
    headings = [(c.start, c.text) for c in cues if c.id.endswith("-title")]
    assert [(c["startTime"], c["title"]) for c in chapters["chapters"][1:]] == [
        (pytest.approx(start, abs=0.001), title) for start, title in headings[1:]
    ]


def test_podcast_guids_are_stable_across_rebuilds(
    client: TestClient, library: Path, tmp_path: Path, engine: FakeEngine
) -> None:
    before = feedparser.parse(client.get("/podcast.xml").content).entries[0].id
    rebuilt = build_library(tmp_path)  # the same article, built again from nothing
    for other in _client(rebuilt):
        after = feedparser.parse(other.get("/podcast.xml").content).entries[0].id
    assert after == before


def test_opds_catalog_is_an_acquisition_feed_of_the_epubs(
    client: TestClient, library: Path
) -> None:
    response = client.get("/opds.xml")
    kind = "application/atom+xml;profile=opds-catalog;kind=acquisition"
    assert response.headers["content-type"] == kind
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"
    # OPDS 1.2 catalog rules (spec sections 5, 6, 7): Atom feed with id, title, updated,
    # author; self and start links typed as acquisition feeds; entries with id, title,
    # updated and an acquisition link to the EPUB.
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{child}") is not None, child
    links = {link.get("rel"): link for link in feed.findall(f"{ATOM}link")}
    for rel in ("self", "start"):
        assert links[rel].get("type") == kind
    (entry,) = feed.findall(f"{ATOM}entry")
    for child in ("id", "title", "updated"):
        assert (entry.findtext(f"{ATOM}{child}") or "").strip(), child
    assert entry.findtext(f"{ATOM}title") == "Le port de Brest accueille les grands voiliers"
    acquisition = [
        link
        for link in entry.findall(f"{ATOM}link")
        if link.get("rel", "").startswith("http://opds-spec.org/acquisition")
    ]
    assert [link.get("type") for link in acquisition] == ["application/epub+zip"]
    epub = library / SLUG / f"{SLUG}.epub"
    assert int(acquisition[0].get("length")) == epub.stat().st_size
    got = client.get(httpx.URL(acquisition[0].get("href")).path)
    assert got.content == epub.read_bytes()
    assert zipfile.ZipFile(io.BytesIO(got.content)).read("mimetype") == b"application/epub+zip"


# -- submissions --------------------------------------------------------------------------------


def test_pasted_article_is_converted_in_the_background_and_listed(
    fresh: tuple[TestClient, Path],
) -> None:
    client, build_dir = fresh
    text = "<script>alert(1)</script>\n\nLe chat dort sur le toit. Il fait beau à Paris ce matin."
    response = client.post(
        "/soumettre",
        data={"csrf": _csrf(client), "formats": ["mp3", "transcript"], "text": text},
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert client.get(location).status_code == 200  # answered at once, while converting
    status = _wait(client, location)
    assert status["state"] == "done", status
    slug = status["url"].rsplit("/", 1)[1]
    assert slug == "script-alert-1-script"
    manifest = load_manifest(build_dir)
    assert manifest[slug].title == "<script>alert(1)</script>"
    assert sorted(manifest[slug].outputs) == [
        f"{slug}/{slug}.mp3",
        f"{slug}/{slug}.srt",
        f"{slug}/{slug}.vtt",
    ]
    for page in (
        client.get("/"),
        client.get(status["url"]),
        client.get("/", params={"q": "alert"}),
    ):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "<script>alert" not in page.text
    # Only external scripts: the CSP forbids inline ones, and the pages have none.
    page = client.get(status["url"])
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert not re.search(r"<script(?![^>]*\ssrc=)", page.text)


def test_failed_conversion_shows_its_error_and_leaves_nothing(
    fresh: tuple[TestClient, Path], tmp_path: Path
) -> None:
    client, build_dir = fresh
    before = sorted(p.relative_to(build_dir) for p in build_dir.rglob("*"))
    response = client.post(
        "/soumettre",
        data={"csrf": _csrf(client), "formats": ["mp3"]},
        files={"file": ("binaire.txt", b"\x00\x01\x02" * 500, "text/plain")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    status = _wait(client, response.headers["location"])
    assert status["state"] == "failed"
    assert "binary" in status["error"] or "binaire" in status["error"]
    page = client.get(response.headers["location"])
    assert status["error"].split(":")[-1].strip()[:20] in page.text
    after = sorted(
        p.relative_to(build_dir)
        for p in build_dir.rglob("*")
        if not p.name.startswith(".library-index")
    )
    assert after == [p for p in before if not p.name.startswith(".library-index")]
    assert not list((tmp_path / "input").glob("*"))  # the saved input is removed too


def test_submission_safety_nets(fresh: tuple[TestClient, Path], tmp_path: Path) -> None:
    client, _ = fresh
    token = _csrf(client)
    # No CSRF token, or a wrong one: refused.
    for data in ({"formats": ["mp3"], "text": "Titre\n\nUn texte."}, {"csrf": "x", "text": "T"}):
        assert client.post("/soumettre", data=data).status_code == 403
    # Only the known input types.
    refused = client.post(
        "/soumettre",
        data={"csrf": token, "formats": ["mp3"]},
        files={"file": ("article.exe", b"MZ", "application/octet-stream")},
    )
    assert refused.status_code == 415 and "pas accepté" in refused.text
    # Too large: a clear 413 page.
    large = client.post(
        "/soumettre",
        data={"csrf": token, "formats": ["mp3"]},
        files={"file": ("grand.txt", b"a" * 2_100_000, "text/plain")},
    )
    assert large.status_code == 413 and "Fichier trop gros" in large.text
    # A file name with a path: saved under its own name in the input folder, nowhere else.
    accepted = client.post(
        "/soumettre",
        data={"csrf": token, "formats": ["mp3"]},
        files={"file": ("../../../evil.txt", b"Titre\n\nUn texte court.", "text/plain")},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    assert (tmp_path / "input" / "evil.txt").is_file()
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()
    # The queue holds one submission here: a second one while it runs is turned away.
    full = client.post(
        "/soumettre", data={"csrf": token, "formats": ["mp3"], "text": "Autre\n\nTexte."}
    )
    assert full.status_code == 503 and "File d’attente pleine" in full.text
    assert _wait(client, accepted.headers["location"])["state"] == "done"


def test_token_is_required_to_submit(library: Path, tmp_path: Path, engine: FakeEngine) -> None:
    build_dir = tmp_path / "build"
    shutil.copytree(library, build_dir)
    for client in _client(build_dir, token="s3cret", host="0.0.0.0", input_dir=tmp_path / "in"):
        assert client.get("/").status_code == 200  # reading needs no token
        login = client.get("/soumettre", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"].startswith("/connexion")
        text = {"formats": ["mp3"], "text": "Titre\n\nUn texte."}
        assert client.post("/soumettre", data=text, follow_redirects=False).status_code == 303
        assert not (tmp_path / "in").exists()  # redirected to the login, nothing saved
        csrf = _csrf(client, "/connexion")
        wrong = client.post("/connexion", data={"csrf": csrf, "token": "nope"})
        assert wrong.status_code == 401
        right = client.post(
            "/connexion", data={"csrf": csrf, "token": "s3cret"}, follow_redirects=False
        )
        assert right.status_code == 303 and "s3cret" not in right.headers["set-cookie"]
        assert client.get("/soumettre").status_code == 200
    for client in _client(build_dir, token="s3cret", host="0.0.0.0", input_dir=tmp_path / "in"):
        api = client.post(
            "/soumettre",
            data=text,
            headers={"Authorization": "Bearer s3cret"},
            follow_redirects=False,
        )
        assert api.status_code == 303
        assert _wait(client, api.headers["location"])["state"] == "done"


def test_security_headers_and_french_error_pages(client: TestClient) -> None:
    missing = client.get("/articles/nope")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.text and '<html lang="fr">' in missing.text
    headers = missing.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert "unsafe-inline" not in headers["content-security-policy"]


def test_the_command_serves_and_stops_cleanly_on_ctrl_c(library: Path, tmp_path: Path) -> None:
    import os
    import signal
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "EXPORTER_CACHE_DIR": str(tmp_path / "c")}
    server = subprocess.Popen(
        [sys.executable, "-m", "exporter", "serve", str(library), "--port", str(port)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert page.status_code == 200 and "voiliers" in page.text
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


class _StuckEngine(FakeEngine):
    """Takes a minute per sentence: a conversion that is still running when the server stops."""

    name = "stuck"

    def synthesize(self, text: str) -> bytes:
        time.sleep(60)
        return super().synthesize(text)


def use_stuck_engine() -> None:
    register_engine(
        EngineInfo(
            name="stuck",
            description="test engine",
            offline=True,
            factory=_StuckEngine,
            probe=lambda: Availability(usable=True),
        )
    )


def test_stopping_the_server_abandons_a_running_conversion_cleanly(
    library: Path, tmp_path: Path
) -> None:
    build_dir = tmp_path / "build"
    shutil.copytree(library, build_dir)
    with registered_engine("stuck", _StuckEngine):
        _, queue = make_app(
            ServeOptions(
                build_dir=build_dir,
                input_dir=tmp_path / "in",
                build=BuildOptions(engine="stuck", formats=("mp3",), use_cache=False),
                worker_setup=use_stuck_engine,
            )
        )
        assert queue is not None
        job = queue.submit(
            "bloque.txt", "Bloqué\n\nUne phrase qui ne finit pas.".encode(), ("mp3",)
        )
        deadline = time.monotonic() + 60
        while (current := queue.get(job.id)) is not None and current.stage != "mp3":
            assert time.monotonic() < deadline, current
            time.sleep(0.05)
        started = time.monotonic()
        queue.close()
        assert time.monotonic() - started < 30  # not the minute the sentence would take
    final = queue.get(job.id)
    assert final is not None and final.state.value == "failed"
    assert not (build_dir / "bloque").exists()
    assert "bloque" not in load_manifest(build_dir)
    assert not list((tmp_path / "in").glob("*"))
