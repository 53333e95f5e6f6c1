"""Benchmark ``exporter batch --feed`` polling: what a poll with nothing new costs.

A loopback server publishes an RSS feed of N entries (default 100), each a small news page
with a menu, a cookie banner and a footer. The first run converts every entry (engine
pico, transcript only, one process); then:

- "304": the feed answers 304 Not Modified to the conditional request;
- "200, same entries": the feed is sent again in full (new ETag) with the same entries,
  so it is parsed and every entry compared with the state, but no page is fetched;
- "1 entry changed": one entry's date and page change: one page fetched, one conversion.

For each: wall time, HTTP requests made, conversions, and the time of the batch pass alone
(planning from the manifest: reading and hashing the N saved pages).

    .venv/bin/python benchmarks/feeds.py [--entries 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exporter.batch.feeds import FeedOptions, format_polls, run_feeds  # noqa: E402
from exporter.batch.run import BatchOptions  # noqa: E402
from exporter.options import BuildOptions  # noqa: E402
from exporter.parsers.fetch import FetchLimits  # noqa: E402
from tests.local_web import LocalWeb  # noqa: E402

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Brève {n} - Le Fil</title><meta property="og:site_name" content="Le Fil"></head>
<body><div id="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
<header><nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav></header>
<main><article><h1>Brève numéro {n}</h1>
<p>Le conseil municipal s'est réuni hier soir pour la {n}e fois de l'année. {extra}</p>
<p>Les élus ont voté le budget des écoles et la rénovation du gymnase.</p>
</article><div class="share">Partager sur Facebook</div></main>
<footer>Mentions légales - Le Fil 2026</footer></body></html>"""


def rss(web: LocalWeb, dates: dict[int, str]) -> str:
    items = "".join(
        f"<item><title>Brève {n}</title><link>{web.url(f'/breves/{n}.html')}</link>"
        f"<guid>breve-{n}</guid><pubDate>{date}</pubDate></item>"
        for n, date in dates.items()
    )
    channel = f"<channel><title>Le Fil</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100)
    args = parser.parse_args()
    web = LocalWeb()
    web.thread.start()
    dates = {n: "Mon, 30 Nov 2026 08:00:00 +0100" for n in range(1, args.entries + 1)}
    for n in dates:
        web.page(f"/breves/{n}.html", PAGE.format(n=n, extra=""))
    web.page("/rss.xml", rss(web, dates), content_type="application/rss+xml", etag='"1"')
    feed = FeedOptions(
        urls=(web.url("/rss.xml"),),
        politeness=0.0,
        limits=FetchLimits(timeout=5, retries=0),
    )
    with tempfile.TemporaryDirectory() as scratch:
        options = BatchOptions(
            build=BuildOptions(out_dir=Path(scratch), engine="pico", formats=("transcript",)),
            jobs=1,
        )

        def run(label: str) -> None:
            before = sum(web.hits.values())
            passes: list[float] = []
            started = time.perf_counter()
            report = run_feeds(
                feed,
                options,
                on_polls=lambda polls: print(f"  {format_polls(polls)}"),
                on_report=lambda report: passes.append(report.seconds),
            )
            seconds = time.perf_counter() - started
            print(
                f"| {label} | {seconds:.2f} s | {sum(web.hits.values()) - before} | "
                f"{len(report.converted)} | {passes[0]:.2f} s |"
            )

        print("| run | wall time | HTTP requests | converted | batch pass |\n|---|---|---|---|---|")
        run(f"first ({args.entries} new)")
        run("304")
        web.routes["/rss.xml"].etag = '"2"'
        run("200, same entries")
        dates[1] = "Mon, 30 Nov 2026 12:00:00 +0100"
        web.page("/breves/1.html", PAGE.format(n=1, extra="Correction : le vote était unanime."))
        web.page("/rss.xml", rss(web, dates), content_type="application/rss+xml", etag='"3"')
        run("1 entry changed")
    web.server.shutdown()


if __name__ == "__main__":
    main()
