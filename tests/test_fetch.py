"""Fetching pages from a local server: limits, redirects, types, errors, and `build URL`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.errors import InputError, InputTooLargeError
from exporter.parsers.fetch import FetchError, FetchLimits, fetch
from exporter.pipeline import BuildOptions, build
from exporter.status import ExitStatus
from tests.conftest import FakeEngine
from tests.local_web import LocalWeb, Route

FIXTURES = Path(__file__).parent / "fixtures" / "webpages"
PAGE = (FIXTURES / "quotidien-ports-eoliens.html").read_text("utf-8")
QUICK = FetchLimits(timeout=1.0, deadline=3.0, retries=1, backoff=0.01)


def test_a_page_is_fetched_with_a_clear_user_agent(local_web: LocalWeb) -> None:
    url = local_web.page("/article.html", PAGE)
    page = fetch(url, limits=QUICK)
    assert page.text() == PAGE
    assert local_web.request_headers[0]["User-Agent"].startswith("exporter/")


def test_redirects_are_followed_but_bounded(local_web: LocalWeb) -> None:
    local_web.page("/final.html", PAGE)
    local_web.routes["/old"] = Route(status=301, headers={"Location": "/final.html"})
    assert fetch(local_web.url("/old"), limits=QUICK).url == local_web.url("/final.html")
    local_web.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    local_web.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(local_web.url("/a"), limits=QUICK)
    assert local_web.hits["/a"] + local_web.hits["/b"] == 6


def test_a_redirect_to_a_local_file_is_refused(local_web: LocalWeb) -> None:
    local_web.routes["/trap"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="only http and https"):
        fetch(local_web.url("/trap"), limits=QUICK)
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd", limits=QUICK)


def test_a_slow_server_times_out(local_web: LocalWeb) -> None:
    local_web.page("/slow.html", PAGE, delay=2.5)
    with pytest.raises(FetchError, match="no answer within 1 s"):
        fetch(local_web.url("/slow.html"), limits=FetchLimits(timeout=1.0, retries=0))


def test_a_server_error_is_retried_then_reported(local_web: LocalWeb) -> None:
    local_web.routes["/broken"] = Route(status=500, body=b"oops")
    with pytest.raises(FetchError, match="HTTP 500"):
        fetch(local_web.url("/broken"), limits=QUICK)
    assert local_web.hits["/broken"] == 2  # the first try and one retry


def test_a_huge_answer_is_cut_off(local_web: LocalWeb) -> None:
    local_web.routes["/huge.html"] = Route(stream_bytes=50_000_000)
    with pytest.raises(InputTooLargeError, match="over 5,000,000 bytes"):
        fetch(local_web.url("/huge.html"), limits=QUICK)


def test_a_non_html_answer_is_refused(local_web: LocalWeb) -> None:
    local_web.routes["/photo.jpg"] = Route(body=b"\xff\xd8\xff", content_type="image/jpeg")
    with pytest.raises(FetchError, match="content type 'image/jpeg'"):
        fetch(local_web.url("/photo.jpg"), limits=QUICK)


def test_build_a_url_makes_the_article(
    local_web: LocalWeb, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    url = local_web.page("/economie/port-eolien.html", PAGE)
    report = build([url], BuildOptions(out_dir=tmp_path, engine="fake", formats=("transcript",)))
    assert not report.failed
    (result,) = report.results
    assert result.slug == "port-eolien"
    assert result.title == "À Saint-Nazaire, le port se réinvente autour de l'éolien en mer"
    vtt = next(p for p in result.outputs if p.suffix == ".vtt").read_text("utf-8")
    assert "pales blanches" in vtt and "cookies" not in vtt


def test_build_cli_reports_a_url_that_fails_and_writes_nothing(
    local_web: LocalWeb, tmp_path: Path
) -> None:
    local_web.routes["/gone.html"] = Route(status=404)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", local_web.url("/gone.html"), "--out", str(out), "--engine", "pico"]
    )
    assert result.exit_code == ExitStatus.INPUT_ERROR
    assert "HTTP 404" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_refused_connection_says_so(local_web: LocalWeb) -> None:
    port = local_web.server.server_address[1]
    local_web.server.shutdown()
    local_web.server.server_close()
    with pytest.raises(FetchError, match="cannot connect") as caught:
        fetch(f"http://127.0.0.1:{port}/page.html", limits=QUICK)
    assert isinstance(caught.value, InputError)


def test_a_page_without_declared_charset_is_decoded_like_a_file(local_web: LocalWeb) -> None:
    latin1 = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    local_web.routes["/latin1.html"] = Route(body=latin1.encode("cp1252"), content_type="text/html")
    assert "réinvente" in fetch(local_web.url("/latin1.html"), limits=QUICK).text()
    local_web.routes["/binary.html"] = Route(
        body=b"\x89PNG\r\n" + bytes(600), content_type="text/html"
    )
    with pytest.raises(InputError, match="binary"):
        fetch(local_web.url("/binary.html"), limits=QUICK).text()
