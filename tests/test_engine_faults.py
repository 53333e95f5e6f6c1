"""A hanging, crashing or babbling engine gives a clear error within its deadline."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.narration.engines.isolation import ChildSynthesizer, ChildTimeout
from exporter.narration.engines.pico import PicoEngine
from tests.conftest import ROOT, hears_ctrl_c, registered_engine

ARTICLE = "Un titre\n\nIl a crié {} très fort. Puis il est parti.\n"


def _child(mode: str, marker: Path | None = None) -> ChildSynthesizer:
    return ChildSynthesizer("tests.fake_child_engines", mode, str(marker or ""))


def test_a_hanging_child_is_killed_at_its_deadline_and_the_next_call_works(
    tmp_path: Path,
) -> None:
    hanging = _child("hang")
    started = time.monotonic()
    with pytest.raises(ChildTimeout):
        hanging.synthesize("bonjour", deadline_s=2)
    assert time.monotonic() - started < 4
    hanging.close()
    assert _child("ok").synthesize("bonjour") == b"\x00\x10" * 1600


class _ChildEngine:
    """A test engine whose synthesiser misbehaves in a child process."""

    sample_rate = 16_000
    max_parallel = 1

    def __init__(self, mode: str) -> None:
        self.name = mode
        self._child = ChildSynthesizer("tests.fake_child_engines", mode)

    def settings_key(self) -> str:
        return self.name

    def prepare(self, text: str) -> str:
        return text

    def synthesize(self, text: str) -> bytes:
        return self._child.synthesize(text, deadline_s=3)


@pytest.mark.parametrize("mode", ["hang", "crash", "garbage"])
def test_a_failing_engine_is_exit_4_naming_the_sentence_and_nothing_is_written(
    tmp_path: Path, mode: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.format("fort"), encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    with registered_engine(mode, lambda: _ChildEngine(mode)):
        result = CliRunner(mix_stderr=False).invoke(
            cli,
            ["build", str(article), "--out", str(out), "--engine", mode, "--formats", "mp3"],
            catch_exceptions=False,
        )
    assert time.monotonic() - started < 15
    assert result.exit_code == 4, result.stderr
    assert f"engine '{mode}'" in result.stderr
    assert "Un titre" in result.stderr  # the sentence it failed on
    assert not out.exists() or not any(path.is_file() for path in out.rglob("*"))


@pytest.mark.parametrize("letter,count", [("o", 130), ("o", 165), ("a", 400), ("a", 3200)])
def test_pico_reads_words_that_used_to_hang_it(tmp_path: Path, letter: str, count: int) -> None:
    article = tmp_path / "cri.txt"
    article.write_text(ARTICLE.format(letter * count), encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        [
            "build",
            str(article),
            "--out",
            str(tmp_path / "out"),
            "--engine",
            "pico",
            "--formats",
            "mp3",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "cri" / "cri.mp3").stat().st_size > 10_000


def test_pico_itself_times_out_on_a_hanging_input_and_recovers() -> None:
    engine = PicoEngine()
    try:
        with pytest.raises(ChildTimeout):
            engine._child.synthesize("Il a crié " + "o" * 130 + " très fort.", deadline_s=3)
        assert len(engine.synthesize("Et il recommence.")) > 16_000
    finally:
        engine.close()


def test_ctrl_c_while_pico_hangs_exits_130_promptly(tmp_path: Path) -> None:
    marker = tmp_path / "stuck"
    driver = tmp_path / "driver.py"
    # A build whose engine is stuck in a child process, as Pico was on "ooo…".
    driver.write_text(
        "import sys\n"
        "from exporter.narration.engines import Availability, EngineInfo, register_engine\n"
        "from exporter.narration.engines.isolation import ChildSynthesizer\n"
        "class Stuck:\n"
        "    name = 'stuck'; sample_rate = 16000; max_parallel = 1\n"
        "    def __init__(self):\n"
        "        self.child = ChildSynthesizer(\n"
        f"            'tests.fake_child_engines', 'hang', {str(marker)!r})\n"
        "    def settings_key(self): return 'x'\n"
        "    def prepare(self, text): return text\n"
        "    def synthesize(self, text): return self.child.synthesize(text)\n"
        "register_engine(EngineInfo(name='stuck', description='', offline=True, factory=Stuck,\n"
        "                           probe=lambda: Availability(usable=True)))\n"
        "from exporter.cli import main\n"
        "sys.argv = ['exporter'] + sys.argv[1:]\n"
        "main()\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.format("fort"), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            str(driver),
            "build",
            str(article),
            "--out",
            str(out),
            "--engine",
            "stuck",
            "--formats",
            "mp3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
        preexec_fn=hears_ctrl_c,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the engine was never called"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=30)
    # Well before the child's own deadline (20 s and more): Ctrl-C does not wait for it.
    # Not 2 s: on two cores shared with other jobs, the way out alone took longer.
    assert time.monotonic() - started < 5
    assert process.returncode == 130, stderr
    assert not any(out.rglob("*.mp3"))


def _children_running(module: str) -> set[int]:
    """This process's children that run ``module`` (read from /proc, zombies included:
    a zombie keeps its parent until it is waited for, with an empty command line)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == os.getpid() and (module.encode() in command or fields[0] == "Z"):
            found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_closing_a_converter_stops_and_waits_for_picos_child(tmp_path: Path) -> None:
    from exporter.options import BuildOptions
    from exporter.pipeline import ArticleConverter

    before = _children_running("pico_child")
    converter = ArticleConverter(
        BuildOptions(engine="pico", formats=("mp3",), use_cache=False, out_dir=tmp_path), None
    )
    assert converter.narrator.engine.synthesize("Bonjour.")
    started = _children_running("pico_child") - before
    assert len(started) == 1
    converter.close()
    # Gone, and reaped (no zombie left): a batch worker closes its converter as it leaves.
    assert not (_children_running("pico_child") & started)
    assert not any(Path(f"/proc/{pid}").exists() for pid in started)
