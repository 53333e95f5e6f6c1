"""How Kokoro uses the machine: threads, onnxruntime's memory, sentences in flight.

Measured on the seed's sentences (83 to 362 phonemes; Dec 1, two cores shared with other
jobs at a load average of 8 to 12, so CPU-seconds rather than wall time are comparable):
an inference's working memory grows with its input, 2.0-2.3 MB per phoneme with
onnxruntime's memory patterns on, 1.3-1.5 MB with them off, over ~180 MB for the runtime
and the model. A memory pattern pre-plans one block per input shape, and every sentence
has a new shape, so turning them off costs no CPU time (0.73-0.82 CPU-s per second of
speech either way). Two long sentences side by side still need ~1 GB together:
:class:`PhonemeBudget` lets sentences overlap only while their phonemes together stay
under :data:`PHONEMES_IN_FLIGHT`, which bounds the peak without changing a sample of the
audio (each sentence is synthesised exactly as before, only later). The seed's sentences
two at a time peaked at 1,208 MB with the defaults, 1,029 MB with patterns off and 815 MB
with the budget as well, for the same CPU time. The memory arena stays on: without it
the peak grows (1,134 MB for one 360-phoneme sentence instead of 992). Kokoro's time is
in its quantised convolutions (63 % in ``ConvInteger``); the same graph with those
convolutions in float32 took 15 % more CPU time here (AVX2, no VNNI) and 115-145 MB more
memory, so the int8 model stays as it is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import onnxruntime

#: Phonemes synthesised at once, all sentences together. One sentence always runs, even
#: a longer one (kokoro-onnx cuts inputs at 510 phonemes): ~670 MB of working memory at
#: most, so a narration stays under 1 GiB.
PHONEMES_IN_FLIGHT = 400


def parallelism(cpus: int) -> tuple[int, int]:
    """(sentences synthesised at once, threads per inference) for ``cpus`` cores.

    Measured on two busy cores (the seed article, 197 s of speech): one sentence at a
    time on onnxruntime's default threads took 302 CPU-seconds and 14 min; two sentences
    side by side, one thread each, 230 CPU-seconds and 10 min. A sentence is too small a
    graph to share well between threads. Calls are safe to overlap (onnxruntime sessions
    are thread-safe, espeak-ng runs under a lock); a larger machine gives each sentence
    more threads rather than running more at once, which would multiply the memory.
    """
    sentences = 2 if cpus >= 2 else 1
    return sentences, max(1, cpus // sentences)


#: glibc's ``mallopt`` parameter number for the size above which a block is mmap-ed.
_M_MMAP_THRESHOLD = -3
#: Blocks above this size are mmap-ed, and unmapped (given back) as soon as freed.
MMAP_THRESHOLD_BYTES = 128 * 1024


def give_freed_blocks_back() -> bool:
    """Make glibc return large freed blocks to the system at once; False where it cannot.

    glibc raises its mmap threshold each time a mapped block is freed (up to 32 MB), so
    after the first inferences onnxruntime's working buffers come from the heap, which
    keeps them after the arena frees them: the seed's narration peaked at 1,008 MiB.
    Fixing the threshold at glibc's default keeps each buffer mapped and unmapped on
    free: 923 MiB for the same audio and CPU time (Dec 1, idle machine).
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to tune
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


def session_options(threads: int) -> onnxruntime.SessionOptions:
    """onnxruntime settings for Kokoro: ``threads`` per inference, memory planned per call."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    # Idle threads spinning for work only steal the CPU from the other inference.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # A memory pattern is one block sized for the largest run of a shape; with a new
    # shape per sentence it only inflates the peak (2.2 -> 1.3 MB per phoneme).
    options.enable_mem_pattern = False
    return options


class ShrinkingSession:
    """An onnxruntime session whose memory arena gives back, after each run, what it held.

    Without this the arena keeps the largest working memory it ever had (~635 MB for two
    sentences side by side) while the narration goes on to loudness and encoding, which
    then add to it: the seed's narration benchmark peaked at 1,113 MB. With it the memory
    drops to ~225 MB after synthesis (the seed's first nine sentences: 782 MB peak instead of
    871 MB, 0.72-0.77 CPU-s per second of speech either way, within the noise of the load).
    Everything else is the wrapped session's (kokoro-onnx only calls ``run`` on it).
    """

    def __init__(self, session: onnxruntime.InferenceSession) -> None:
        import onnxruntime

        self._session = session
        self._run_options = onnxruntime.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(
        self,
        output_names: list[str] | None,
        input_feed: dict[str, Any],
        run_options: onnxruntime.RunOptions | None = None,
    ) -> list[Any]:
        outputs: list[Any] = self._session.run(
            output_names, input_feed, run_options or self._run_options
        )
        return outputs

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class PhonemeBudget:
    """Lets calls overlap only while their sizes together stay within ``limit``.

    A call larger than the limit runs alone rather than never.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"the budget must be at least 1, not {limit}")
        self.limit = limit
        self._used = 0
        #: The most held at once so far (what the memory peak follows).
        self.highest = 0
        self._changed = threading.Condition()

    @contextmanager
    def hold(self, size: int) -> Iterator[None]:
        with self._changed:
            self._changed.wait_for(lambda: self._used == 0 or self._used + size <= self.limit)
            self._used += size
            self.highest = max(self.highest, self._used)
        try:
            yield
        finally:
            with self._changed:
                self._used -= size
                self._changed.notify_all()
