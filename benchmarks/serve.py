"""Benchmark ``exporter serve`` on loopback.

1. The library page with 10,000 articles (a synthetic manifest, each with a summary):
   requests per second and latency percentiles, first page and a search, with a few
   concurrent clients for a bounded time;
2. an audio range request (64 kB at a random offset of a built MP3);
3. a submitted article's time to result (POST, then polling as the page does) against
   ``exporter build`` on the same file, cold audio cache both times: the web path adds the
   upload, the queue, the manifest update and the polling.

    .venv/bin/python benchmarks/serve.py [--seconds 5] [--clients 4] [--engine pico]

The server runs in its own process (``python -m exporter serve``), the clients in this one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "input" / "chine-cooperation-securite-ia.txt"
FORMATS = "mp3,epub,summary,transcript"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(cache: Path) -> dict[str, str]:
    return {**os.environ, "EXPORTER_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}


class Server:
    def __init__(self, build_dir: Path, cache: Path, engine: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "exporter", "serve", str(build_dir)]
        command += ["--port", str(self.port), "--engine", engine, "--queue-limit", "4"]
        self.process = subprocess.Popen(command, env=_environment(cache))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/static/app.css", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def synthetic_library(build_dir: Path, count: int) -> None:
    words = ["port", "voilier", "marché", "école", "élection", "budget", "climat", "santé"]
    articles = {}
    for n in range(count):
        slug = f"article-{n:05d}"
        folder = build_dir / slug
        folder.mkdir(parents=True)
        topic = words[n % len(words)]
        summary = {"summary": [f"Un article sur le {topic}, numéro {n}.", "Il est court."]}
        (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
        articles[slug] = {
            "source": f"/in/{slug}.txt",
            "key": f"k{n}",
            "outputs": [f"{slug}/summary.json"],
            "title": f"Le {topic} en question ({n})",
            "date": f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "duration_seconds": 60.0 + n % 300,
        }
    manifest = {"format": 1, "tool_version": "bench", "articles": articles}
    (build_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def load(url: str, seconds: float, clients: int, ranges_of: int = 0) -> str:
    """Requests per second and latency percentiles of GET url, ``clients`` at a time;
    with ``ranges_of`` (a file size), each asks for 64 kB at a random offset."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        with httpx.Client(timeout=30) as session:
            while time.monotonic() < stop:
                headers = {}
                if ranges_of:
                    offset = random.randrange(0, max(1, ranges_of - 65_536))
                    headers["range"] = f"bytes={offset}-{offset + 65_535}"
                sent = time.perf_counter()
                response = session.get(url, headers=headers)
                took = time.perf_counter() - sent
                with lock:
                    latencies.append(took)
                    errors += response.status_code not in (200, 206)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return (
        f"{len(latencies) / elapsed:7.1f} req/s  p50 {quantiles[49] * 1000:6.1f} ms  "
        f"p95 {quantiles[94] * 1000:6.1f} ms  ({len(latencies)} requests, {errors} errors)"
    )


def time_build(article: Path, engine: str, work: Path) -> tuple[float, float]:
    """(wall time of `exporter build` as a process, time of its conversion alone, after
    the same warm-up as a server's worker: the exporters imported)."""
    out = work / "cli-build"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "exporter",
            "build",
            str(article),
            "--out",
            str(out),
            "--engine",
            engine,
            "--formats",
            FORMATS,
        ],
        env=_environment(work / "cache-cli"),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from exporter.options import BuildOptions\n"
        "from exporter.pipeline import ArticleConverter\n"
        "from exporter.exporters import exporter_names\n"
        "exporter_names()  # the same warm-up as the server's workers\n"
        f"c = ArticleConverter(BuildOptions(out_dir=Path(sys.argv[2]), engine='{engine}',"
        f" formats=tuple('{FORMATS}'.split(','))))\n"
        "t = time.perf_counter(); r = c.convert(Path(sys.argv[1]))\n"
        "assert r.error is None, r.error\n"
        "print(time.perf_counter() - t)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(article), str(work / "lib-build")],
        env=_environment(work / "cache-lib"),
        check=True,
        capture_output=True,
        text=True,
    )
    return wall, float(result.stdout.strip().splitlines()[-1])


def time_submission(server: Server, article: Path) -> float:
    with httpx.Client(base_url=server.url, timeout=60) as session:
        form = session.get("/soumettre").text
        token = re.search(r'name="csrf" value="([^"]+)"', form)
        assert token is not None
        started = time.perf_counter()
        response = session.post(
            "/soumettre",
            data={"csrf": token[1], "formats": FORMATS.split(",")},
            files={"file": (article.name, article.read_bytes(), "text/plain")},
        )
        assert response.status_code == 303, response.text
        status_url = response.headers["location"] + ".json"
        while True:
            status = session.get(status_url).json()
            if status["state"] in ("done", "failed"):
                break
            time.sleep(0.4)  # as the page polls
        assert status["state"] == "done", status
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per load test")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--engine", default="pico")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    try:
        library = work / "library"
        synthetic_library(library, args.articles)
        started = time.perf_counter()
        server = Server(library, work / "cache-a", args.engine)
        first = httpx.get(server.url + "/", timeout=300)
        index_seconds = time.perf_counter() - started
        assert first.status_code == 200 and f"{args.articles} articles" in first.text
        print(
            f"library of {args.articles} articles: server up and index built in "
            f"{index_seconds:.1f} s"
        )
        try:
            print(f"library page 1       {load(server.url + '/', args.seconds, args.clients)}")
            print(
                f"library page 250     "
                f"{load(server.url + '/?page=250', args.seconds, args.clients)}"
            )
            print(
                f"search 'voilier'     "
                f"{load(server.url + '/?q=voilier', args.seconds, args.clients)}"
            )
        finally:
            server.stop()

        site = work / "site"
        server = Server(site, work / "cache-web", args.engine)
        try:
            web = time_submission(server, SEED)
            mp3 = next(site.glob("*/*.mp3"))
            slug = mp3.parent.name
            url = f"{server.url}/files/{slug}/{mp3.name}"
            print(
                f"audio range 64 kB    {load(url, args.seconds, args.clients, mp3.stat().st_size)}"
            )
        finally:
            server.stop()
        wall, conversion = time_build(SEED, args.engine, work)
        print(f"\n{SEED.name}, formats {FORMATS}, engine {args.engine}, cold cache:")
        print(f"  exporter build (process)      {wall:6.2f} s")
        print(f"  conversion alone (library)    {conversion:6.2f} s")
        print(
            f"  web submission to result      {web:6.2f} s  "
            f"({(web / conversion - 1) * 100:+.1f} % vs conversion, "
            f"{(web / wall - 1) * 100:+.1f} % vs exporter build)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
