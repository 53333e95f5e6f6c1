"""The memory of a process and of its direct children while it runs: RSS, PSS and USS.

RSS counts every page a process has resident, the pages it shares with others included
(a forked batch worker shares the parent's language model and tables copy-on-write, and
every process shares mapped files and libraries). PSS divides each shared page among the
processes that share it; USS counts only the pages no other process has (what the machine
gets back when the process ends). All three come from ``/proc/PID/smaps_rollup``, sampled
every ``interval`` seconds; each figure is the largest seen for that process.

    .venv/bin/python benchmarks/process_memory.py -- \
        .venv/bin/python -m exporter batch IN --out OUT --jobs 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

_FIELDS = ("Rss", "Pss", "Private_Clean", "Private_Dirty")


@dataclass(slots=True)
class Peak:
    """The largest RSS, PSS and USS (MiB) seen for one process."""

    pid: int
    role: str  # "parent", "worker" (a forked child: the parent's command) or the command
    rss: float = 0.0
    pss: float = 0.0
    uss: float = 0.0

    def describe(self) -> str:
        return f"RSS {self.rss:.0f} / PSS {self.pss:.0f} / USS {self.uss:.0f} MiB"


def _rollup(pid: int) -> dict[str, float] | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # ended, or not ours to read
        return None
    values: dict[str, float] = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in _FIELDS:
            values[name] = int(rest.split()[0]) / 1024
    return values if len(values) == len(_FIELDS) else None


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # "pid (name) state ppid …": the name may hold spaces and parentheses.
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return found


@dataclass(slots=True)
class Sampler:
    """Samples a running process and its direct children until :meth:`stop`."""

    pid: int
    interval: float = 0.1
    peaks: dict[int, Peak] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> list[Peak]:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return sorted(self.peaks.values(), key=lambda peak: peak.pid)

    def _run(self) -> None:
        parent = _command(self.pid)
        while not self._stop.is_set():
            for pid in [self.pid, *_children(self.pid)]:
                self._sample(pid, parent)
            self._stop.wait(self.interval)

    def _sample(self, pid: int, parent: bytes) -> None:
        values = _rollup(pid)
        if values is None:
            return
        peak = self.peaks.get(pid)
        if peak is None:
            command = _command(pid)
            role = (
                "parent"
                if pid == self.pid
                else "worker"
                if command == parent
                else command.replace(b"\0", b" ").decode(errors="replace")[:60]
            )
            peak = self.peaks[pid] = Peak(pid, role)
        peak.rss = max(peak.rss, values["Rss"])
        peak.pss = max(peak.pss, values["Pss"])
        peak.uss = max(peak.uss, values["Private_Clean"] + values["Private_Dirty"])


def measure(command: Sequence[str], env: dict[str, str] | None = None) -> list[Peak]:
    """Run ``command`` to its end; the peaks of it and of each of its direct children."""
    process = subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    sampler = Sampler(process.pid).start()
    code = process.wait()
    peaks = sampler.stop()
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(command)}")
    return peaks


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="+", help="the command to run (after --)")
    args = parser.parse_args(argv)
    for peak in measure(args.command):
        print(f"{peak.pid} {peak.role}: {peak.describe()}")


if __name__ == "__main__":
    main(sys.argv[1:])
