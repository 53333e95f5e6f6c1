"""Read-only data loaded once in the batch's parent, before its workers are forked.

A forked worker sees the parent's memory copy-on-write: the French word tables, the
Wiktionary and the imported libraries loaded here are shared by every worker instead of
being read (and held) again by each one. Only what the requested formats use is loaded.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Sequence

from exporter.cpus import CPUS_VARIABLE, cpu_count

log = logging.getLogger(__name__)

#: Formats whose output holds the plain-language summary (and so its glossary).
SUMMARY_FORMATS = frozenset({"summary", "epub", "epub-text"})


def preload(formats: Sequence[str]) -> None:
    """Load what converting an article in ``formats`` reads, then keep the collector
    off it (``gc.freeze``): a collection would otherwise touch, and so copy, its pages."""
    started = time.process_time()
    from exporter.exporters import exporter_names
    from exporter.text import analysis
    from exporter.text.french_tables import h_aspire, known_words, noun_list
    from exporter.text.words import preload as preload_words

    exporter_names()  # imports every exporter and what it imports
    preload_words()
    # Section inference (any format: every article is parsed, its sections titled on the
    # language analysis). The spaCy model, loaded before the fork: workers share its pages.
    known_words()
    noun_list()
    h_aspire()
    analysis.load()
    if SUMMARY_FORMATS.intersection(formats):
        from exporter.summary import llm  # noqa: F401  (the summary's code: every summary)
        from exporter.summary.readability import syllable_count
        from exporter.text import dictionary

        dictionary.preload()
        syllable_count("maison")
    if any(name.startswith("epub") for name in formats):
        from exporter.exporters.epub import package  # noqa: F401  (and ebooklib)
    if _narrated(formats):
        _preload_narration()
    gc.freeze()
    log.info("preloaded shared data in %.2f CPU-s", time.process_time() - started)


def _narrated(formats: Sequence[str]) -> bool:
    from exporter.exporters import format_for, get_exporter_info

    return any(get_exporter_info(format_for(name, narration=True)).narrated for name in formats)


#: Read aloud by the preload: its numbers, abbreviation and name fill the tables that the
#: French normalisation builds on first use.
_SAMPLE_SENTENCE = "M. Xi Jinping a reçu le 3e rapport de l'ONU, 1 250 pages, à 14 h 30."


def _preload_narration() -> None:
    """What reading an article aloud and encoding it import and build on first use (the
    normalisation's tables, the loudness meter, the cover's imaging library and fonts),
    which each worker would otherwise import and build again on its first article."""
    from exporter.audio.cover import preload as preload_cover
    from exporter.audio.ffmpeg import ffmpeg_executable
    from exporter.narration.loudness import preload as preload_loudness
    from exporter.text.normalize import SpeechOptions, normalize_for_speech

    for options in (SpeechOptions(), SpeechOptions(acronyms="capitals", digit_years=True)):
        normalize_for_speech(_SAMPLE_SENTENCE, options)
    preload_loudness()
    preload_cover()
    ffmpeg_executable()


#: Thread pools of the numerical libraries a worker may load (BLAS, OpenMP, onnxruntime).
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def cpu_share(jobs: int) -> int:
    """Each of ``jobs`` workers' share of this machine's cores (at least one)."""
    return max(1, cpu_count() // max(1, jobs))


def use_cpu_share(share: int) -> None:
    """In a worker: keep its thread pools to its share of the cores, so that N workers
    with N-thread pools each do not fight over the same cores (a user's setting wins)."""
    for variable in (*_THREAD_VARIABLES, CPUS_VARIABLE):
        os.environ.setdefault(variable, str(share))
