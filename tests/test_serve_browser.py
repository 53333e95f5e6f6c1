"""`exporter serve` in a real Chromium (Debian's, driven by Playwright): the library,
search, read-along, downloads, submission with the keyboard alone, and axe-core on every
page type (WCAG 2.1 AA)."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exporter.check.validators import epubcheck_status, run_epubcheck
from exporter.options import BuildOptions
from exporter.serve import ServeOptions
from tests.conftest import FakeEngine, registered_engine
from tests.epub_helpers import require
from tests.serve_helpers import Cue, build_library, live_server, use_fake_engine, vtt_cues

playwright_api = pytest.importorskip("playwright.sync_api")

SLUG = "voiliers-brest"
CHROMIUM = os.environ.get("EXPORTER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("browser")
    engine = FakeEngine()
    with registered_engine("fake", lambda: engine):
        build_dir = build_library(root)
        options = ServeOptions(
            build_dir=build_dir,
            input_dir=root / "submitted",
            build=BuildOptions(engine="fake", formats=("mp3", "transcript")),
            worker_setup=use_fake_engine,
        )
        with live_server(options) as (url, _queue):
            yield url, build_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM}: make test installs it (apt)"
        if os.environ.get("EXPORTER_REQUIRE_VALIDATORS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not dialogs, f"a script ran: {dialogs}"
    assert not errors, errors


def axe_violations(tab: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']]})"
        for v in results.response["violations"]
    ]


def _state(tab: Any) -> dict[str, Any]:
    """The audio's time and the highlighted sentence, read in the same instant."""
    return tab.evaluate(
        """() => {
          const audio = document.getElementById('lecteur');
          const current = document.querySelector('.cue.current');
          return {time: audio.currentTime, paused: audio.paused,
                  id: current ? current.id : null};
        }"""
    )


def _cue_at(cues: list[Cue], time: float) -> Cue:
    started = [cue for cue in cues if cue.start <= time + 0.001]
    return started[-1]


def _wait_highlight(tab: Any, cue_id: str) -> None:
    tab.wait_for_function(
        "id => { const c = document.querySelector('.cue.current'); return c && c.id === id; }",
        arg=cue_id,
    )


def test_library_search_article_and_read_along(page: Any, site: tuple[str, Path]) -> None:
    url, build_dir = site
    cues = [c for c in vtt_cues(build_dir / SLUG / f"{SLUG}.vtt") if "-s" in c.id]
    page.goto(url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert axe_violations(page) == []
    page.get_by_label("Rechercher dans les titres et les résumés").fill("voiliers")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/?q=voiliers")
    assert "1 article pour « voiliers »" in page.locator("#compte").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Le port de Brest accueille les grands voiliers").click()
    page.wait_for_url(f"**/articles/{SLUG}")
    assert axe_violations(page) == []

    # Seeking anywhere highlights the sentence being read at that time.
    for cue in (cues[3], cues[0], cues[-1]):
        middle = (cue.start + cue.end) / 2
        page.evaluate("t => { document.getElementById('lecteur').currentTime = t; }", middle)
        _wait_highlight(page, cue.id)
        state = _state(page)
        assert _cue_at(cues, state["time"]).id == cue.id == state["id"]

    # Playing: the highlight follows the audio's clock across a sentence boundary.
    boundary = cues[1].start
    page.evaluate(
        "t => { const a = document.getElementById('lecteur'); a.currentTime = t; a.play(); }",
        boundary - 0.4,
    )
    page.wait_for_function(
        "t => document.getElementById('lecteur').currentTime > t", arg=boundary + 0.2
    )
    state = _state(page)
    assert not state["paused"]
    assert state["id"] == _cue_at(cues, state["time"]).id == cues[1].id
    page.evaluate("() => document.getElementById('lecteur').pause()")

    # A click on a sentence seeks the audio to its start.
    target = cues[5]
    page.locator(f"#{target.id}").click()
    _wait_highlight(page, target.id)
    assert _state(page)["time"] == pytest.approx(target.start, abs=0.3)


def test_download_epub_from_the_article_page(page: Any, site: tuple[str, Path]) -> None:
    url, build_dir = site
    page.goto(f"{url}/articles/{SLUG}")
    with page.expect_download() as info:
        page.get_by_role("link", name="EPUB").click()
    download = info.value
    assert download.suggested_filename == f"{SLUG}.epub"
    saved = Path(download.path())
    assert saved.read_bytes() == (build_dir / SLUG / f"{SLUG}.epub").read_bytes()
    with zipfile.ZipFile(saved) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/epub+zip"
    require(epubcheck_status())
    copy = saved.parent / f"{SLUG}.epub"
    shutil.copy(saved, copy)
    result = run_epubcheck(copy)
    assert result.passed, result.summary()


def test_submit_and_listen_with_the_keyboard_alone(
    page: Any, site: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = site
    article = tmp_path / "marche-de-noel.txt"
    article.write_text(
        "Le marché de Noël ouvre à Strasbourg\n\n"
        "Le marché de Noël a ouvert vendredi sur la place Kléber. "
        "Les visiteurs sont venus nombreux malgré le froid.\n\n"
        "Les chalets resteront ouverts jusqu'au 24 décembre.\n",
        encoding="utf-8",
    )
    page.goto(url + "/")

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    # The skip link comes first and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Aller au contenu"
    tab_to('a[href="/soumettre"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/soumettre")
    assert axe_violations(page) == []
    tab_to("#fichier")
    # The system's file dialog is outside the page: Playwright answers it for the focused field.
    page.locator("#fichier:focus").set_input_files(article)
    tab_to("#f-transcript")
    assert page.is_checked("#f-transcript")
    tab_to('button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/travaux/*")
    assert axe_violations(page) == []
    page.wait_for_selector("#resultat:not([hidden])", timeout=120_000)
    assert "Terminé" in page.locator("#etat").inner_text()
    assert axe_violations(page) == []
    tab_to("#lien")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/marche-de-noel")
    assert page.locator("h1").inner_text() == "Le marché de Noël ouvre à Strasbourg"

    # Shortcuts: l = next sentence (the title, a heading, then the text), k = play/pause.
    order = page.evaluate(
        """() => Array.from(document.querySelectorAll('.cue[data-start]'))
                  .sort((a, b) => a.dataset.start - b.dataset.start).map(c => c.id)"""
    )
    page.locator("main").focus()
    for expected in order[:3]:
        page.keyboard.press("l")
        _wait_highlight(page, expected)
    page.keyboard.press("j")
    _wait_highlight(page, order[1])
    page.keyboard.press("k")
    page.wait_for_function("() => !document.getElementById('lecteur').paused")
    page.keyboard.press("k")
    page.wait_for_function("() => document.getElementById('lecteur').paused")


def test_error_pages_are_accessible(page: Any, site: tuple[str, Path]) -> None:
    url, _ = site
    response = page.goto(url + "/articles/introuvable")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert axe_violations(page) == []
    page.goto(url + "/soumettre")
    page.get_by_role("button", name="Convertir").click()  # nothing chosen
    assert page.locator("[role=alert]").inner_text().startswith("Choisissez")
    assert axe_violations(page) == []


def test_phone_screen_and_zoom_need_no_horizontal_scrolling(
    browser: Any, site: tuple[str, Path]
) -> None:
    url, _ = site
    # 320 CSS pixels wide: a phone, or a 1280-pixel window at 400 % zoom (WCAG 1.4.10).
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    tab = context.new_page()
    try:
        for path in ("/", f"/articles/{SLUG}", "/soumettre"):
            tab.goto(url + path)
            width = tab.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 320, (path, width)
    finally:
        context.close()
