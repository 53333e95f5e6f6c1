"""A batch with nothing to do decides so from the manifest, importing no conversion code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from exporter.batch.run import BatchOptions, Status, run_batch
from exporter.options import BuildOptions
from tests.conftest import ROOT, FakeEngine

#: Runs ``exporter batch`` as a user would, then lists every module the process imported.
_CLI_THEN_MODULES = """
import json, sys
from exporter.cli import main
sys.argv = ["exporter", *json.loads(sys.argv[1])]
main()
print(json.dumps(sorted(sys.modules)))
"""

#: What converting needs and deciding that nothing needs converting must not load.
HEAVY = (
    "numpy",
    "spacy",
    "pydub",
    "ebooklib",
    "rich",
    "lxml",
    "charset_normalizer",
    "exporter.pipeline",
    "exporter.batch.workers",
    "exporter.exporters.mp3",
    "exporter.narration.narrator",
    "exporter.narration.engines.pico",
    "exporter.text.analysis",
)


def test_an_unchanged_folder_is_up_to_date_without_loading_the_converters(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for index in range(3):
        (folder / f"article-{index}.txt").write_text(
            f"Titre {index}\n\nLa délégation est arrivée mercredi à Brest.\n", encoding="utf-8"
        )
    build = BuildOptions(out_dir=out, engine="fake", formats=("transcript",))
    first = run_batch(folder, BatchOptions(build=build, jobs=1))
    assert len(first.with_status(Status.CONVERTED)) == 3

    arguments = [
        "batch", str(folder), "--out", str(out), "--engine", "fake",
        "--formats", "transcript", "--jobs", "1",
    ]  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", _CLI_THEN_MODULES, json.dumps(arguments)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert "0 to convert, 3 up to date" in result.stderr
    modules = set(json.loads(result.stdout.splitlines()[-1]))
    loaded = [name for name in HEAVY if name in modules]
    assert not loaded, f"a batch with nothing to do imported {loaded}"
