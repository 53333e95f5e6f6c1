"""Kokoro's use of the machine: sentences overlap only within a phoneme budget."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from exporter.narration.engines.kokoro_runtime import PhonemeBudget, parallelism


class _Tally:
    """What the test itself sees held at once (not the budget's own count)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = 0
        self.highest = 0

    def enter(self, size: int) -> None:
        with self._lock:
            self.current += size
            self.highest = max(self.highest, self.current)

    def leave(self, size: int) -> None:
        with self._lock:
            self.current -= size


def test_calls_never_hold_more_than_the_budget_together() -> None:
    budget = PhonemeBudget(400)
    tally = _Tally()
    entered = threading.Event()

    def call(size: int) -> None:
        with budget.hold(size):
            tally.enter(size)
            entered.wait(0.02)  # long enough for the other threads to try to enter
            tally.leave(size)

    sizes = [83, 22, 251, 145, 114, 331, 214, 33, 170, 332, 32, 22, 250, 187, 346, 360, 362]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(call, sizes))
    assert tally.highest <= 400
    assert tally.current == 0


def test_small_calls_do_run_side_by_side() -> None:
    budget = PhonemeBudget(400)
    # Each call waits for the other inside the budget: this only returns if they overlap.
    both_inside = threading.Barrier(2, timeout=10)

    def call(size: int) -> None:
        with budget.hold(size):
            both_inside.wait()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(call, [150, 200]))


def test_a_call_larger_than_the_budget_runs_alone_rather_than_never() -> None:
    budget = PhonemeBudget(100)
    tally = _Tally()

    def call(size: int) -> None:
        with budget.hold(size):
            tally.enter(size)
            threading.Event().wait(0.02)
            tally.leave(size)

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(call, [500, 30, 500]))
    assert tally.highest == 500


def test_a_failing_call_gives_its_share_back() -> None:
    budget = PhonemeBudget(100)
    with pytest.raises(RuntimeError), budget.hold(90):
        raise RuntimeError("inference failed")
    finished = threading.Event()

    def call() -> None:
        with budget.hold(90):
            finished.set()

    thread = threading.Thread(target=call)
    thread.start()
    thread.join(10)
    assert finished.is_set()


def test_an_empty_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        PhonemeBudget(0)


@pytest.mark.parametrize(("cpus", "expected"), [(1, (1, 1)), (2, (2, 1)), (8, (2, 4))])
def test_two_sentences_at_once_and_more_threads_each_on_larger_machines(
    cpus: int, expected: tuple[int, int]
) -> None:
    assert parallelism(cpus) == expected
