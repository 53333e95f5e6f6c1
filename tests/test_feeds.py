"""News feeds served by a loopback server: only new or changed entries are converted."""

from __future__ import annotations

import threading
from pathlib import Path

from click.testing import CliRunner

from exporter.batch.feeds import FeedOptions, FeedPoll, run_feeds
from exporter.batch.run import BatchOptions, BatchReport, Status
from exporter.cli import cli
from exporter.parsers.fetch import FetchLimits
from exporter.pipeline import BuildOptions
from exporter.status import ExitStatus
from tests.conftest import FakeEngine
from tests.local_web import LocalWeb, Route

FIXTURES = Path(__file__).parent / "fixtures" / "webpages"
PAGES = {
    "/eco/port-eolien.html": (FIXTURES / "quotidien-ports-eoliens.html").read_text("utf-8"),
    "/loches/marche-nocturne.html": (FIXTURES / "echo-vallee-marche-nocturne.html").read_text(
        "utf-8"
    ),
    "/montagne/glaciers.html": (FIXTURES / "revue-sciences-glaciers.html").read_text("utf-8"),
}
QUICK = FetchLimits(timeout=2.0, deadline=5.0, retries=1, backoff=0.01)


def rss(web: LocalWeb, items: list[tuple[str, str]]) -> str:
    """RSS 2.0 with one item per (path, pubDate)."""
    entries = "".join(
        f"<item><title>Article {path}</title><link>{web.url(path)}</link>"
        f'<guid isPermaLink="false">guid-{path}</guid><pubDate>{date}</pubDate>'
        "<description>Résumé.</description></item>"
        for path, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Le fil</title><link>{web.base}</link><description>Actualités</description>"
        f"{entries}</channel></rss>"
    )


def atom(web: LocalWeb, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<entry><title>Article {path}</title><link href="{web.url(path)}"/>'
        f"<id>urn:uuid:{abs(hash(path))}</id><updated>{updated}</updated></entry>"
        for path, updated in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Le fil</title><id>urn:fil</id><updated>2026-11-30T08:00:00Z</updated>"
        f"{entries}</feed>"
    )


def serve_pages(web: LocalWeb) -> None:
    for path, html in PAGES.items():
        web.page(path, html)


def serve_atom(web: LocalWeb) -> tuple[str, list[tuple[str, str]]]:
    """The fixture pages and an Atom feed of them; the feed's URL and its entries."""
    serve_pages(web)
    items = [(path, "2026-11-30T08:00:00Z") for path in PAGES]
    return web.page("/atom.xml", atom(web, items), content_type="application/atom+xml"), items


def options(out: Path) -> BatchOptions:
    return BatchOptions(
        build=BuildOptions(out_dir=out, engine="fake", formats=("transcript",)), jobs=1
    )


def run(web: LocalWeb, out: Path, *feeds: str) -> tuple[BatchReport, list[FeedPoll]]:
    polls: list[FeedPoll] = []
    report = run_feeds(
        FeedOptions(urls=feeds, politeness=0.0, limits=QUICK),
        options(out),
        on_polls=polls.extend,
    )
    return report, polls


def converted(report: BatchReport) -> set[str]:
    return {item.slug for item in report.converted}


def test_rss_feed_first_all_then_only_what_changed(
    local_web: LocalWeb, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    serve_pages(local_web)
    dates = {path: "Mon, 30 Nov 2026 08:00:00 +0100" for path in PAGES}
    feed = local_web.page(
        "/rss.xml", rss(local_web, list(dates.items())), content_type="application/rss+xml"
    )
    local_web.routes["/rss.xml"].etag = '"v1"'
    report, polls = run(local_web, tmp_path, feed)
    assert converted(report) == {"port-eolien", "marche-nocturne", "glaciers"}
    assert (polls[0].new, polls[0].changed) == (3, 0)
    vtt = (tmp_path / "glaciers" / "glaciers.vtt").read_text("utf-8")
    assert "glacier d'Ossoue" in vtt and "Laisser un commentaire" not in vtt
    # The library page names each article's publisher and links to the original.
    library = (tmp_path / "index.html").read_text("utf-8")
    assert "Sciences &amp; Territoires" in library
    assert (
        'href="https://sciences-territoires.example/2026/10/glaciers-pyrenees-recul-accelere/"'
        in library
    )

    # Nothing new: the feed answers 304, no page is fetched, nothing is converted.
    report, polls = run(local_web, tmp_path, feed)
    assert polls[0].not_modified
    assert converted(report) == set()
    assert all(local_web.hits[path] == 1 for path in PAGES)
    assert len(report.with_status(Status.UP_TO_DATE)) == 3

    # One article is corrected (its entry's date and its page change), one is added.
    local_web.page(
        "/loches/marche-nocturne.html",
        PAGES["/loches/marche-nocturne.html"].replace("3 avril", "10 avril"),
    )
    local_web.page("/eco/suite.html", PAGES["/eco/port-eolien.html"].replace("2027", "2028"))
    dates["/loches/marche-nocturne.html"] = "Mon, 30 Nov 2026 12:00:00 +0100"
    dates["/eco/suite.html"] = "Mon, 30 Nov 2026 13:00:00 +0100"
    local_web.page(
        "/rss.xml",
        rss(local_web, list(dates.items())),
        content_type="application/rss+xml",
        etag='"v2"',
    )
    report, polls = run(local_web, tmp_path, feed)
    assert (polls[0].new, polls[0].changed, polls[0].unchanged) == (1, 1, 2)
    assert converted(report) == {"marche-nocturne", "suite"}
    assert local_web.hits["/eco/port-eolien.html"] == 1
    assert local_web.hits["/montagne/glaciers.html"] == 1
    assert "10 avril" in (tmp_path / "marche-nocturne" / "marche-nocturne.vtt").read_text("utf-8")


def test_atom_feed_entry_updated_but_page_identical_is_not_rebuilt(
    local_web: LocalWeb, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    feed, items = serve_atom(local_web)
    report, _ = run(local_web, tmp_path, feed)
    assert len(report.converted) == 3
    # Served without an ETag: the feed is read again, and one entry says it was updated.
    items[0] = (items[0][0], "2026-11-30T09:30:00Z")
    local_web.page("/atom.xml", atom(local_web, items), content_type="application/atom+xml")
    report, polls = run(local_web, tmp_path, feed)
    assert local_web.hits[items[0][0]] == 2  # its page was fetched again...
    assert converted(report) == set()  # ...but its text had not changed
    assert polls[0].unchanged == 3


def test_a_failing_feed_or_page_is_reported_and_the_rest_goes_on(
    local_web: LocalWeb, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    serve_pages(local_web)
    local_web.routes["/broken.xml"] = Route(status=500)
    local_web.routes["/gone.html"] = Route(status=404)
    items = [(path, "Mon, 30 Nov 2026 08:00:00 +0100") for path in [*PAGES, "/gone.html"]]
    good = local_web.page("/rss.xml", rss(local_web, items), content_type="text/xml", etag='"1"')
    report, polls = run(local_web, tmp_path, local_web.url("/broken.xml"), good)
    assert "HTTP 500" in polls[0].error
    assert len(report.converted) == 3
    failed = {item.source: item.message for item in report.failed}
    assert set(failed) == {local_web.url("/broken.xml"), local_web.url("/gone.html")}
    assert "HTTP 404" in failed[local_web.url("/gone.html")]
    # The page comes back: the feed has not changed (304), but the entry is tried again.
    local_web.page("/gone.html", PAGES["/eco/port-eolien.html"].replace("2027", "2029"))
    report, polls = run(local_web, tmp_path, good)
    assert polls[0].not_modified
    assert converted(report) == {"gone"}


def test_watch_polls_again_at_the_interval(
    local_web: LocalWeb, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    feed, _items = serve_atom(local_web)
    stop = threading.Event()
    reports: list[BatchReport] = []

    def on_report(report: BatchReport) -> None:
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    run_feeds(
        FeedOptions(urls=(feed,), interval=0.2, politeness=0.0, limits=QUICK),
        options(tmp_path),
        watch=True,
        on_report=on_report,
        stop_event=stop,
    )
    assert [len(report.converted) for report in reports] == [3, 0]
    assert local_web.hits["/atom.xml"] == 2


def test_cli_reads_feeds_from_the_project_file(
    local_web: LocalWeb, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    feed, _items = serve_atom(local_web)
    local_web.routes["/down.xml"] = Route(status=503)
    config = tmp_path / "exporter.toml"
    config.write_text(f'[feeds]\nurls = ["{feed}", "{local_web.url("/down.xml")}"]\n', "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            *("--config", str(config), "batch", "--out", str(out)),
            *("--engine", "fake", "--formats", "transcript", "-j", "1"),
        ],
    )
    assert result.exit_code == ExitStatus.PARTIAL_FAILURE, result.output
    assert f"feed {feed}: 3 entries, 3 new, 0 changed, 0 unchanged" in result.output
    assert "HTTP 503" in result.output
    assert "3 converted" in result.output
    assert (out / "index.html").is_file()
