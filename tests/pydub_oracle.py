"""pydub, the tests' oracle for PCM arithmetic, imported without its warning about ffmpeg.

The narration no longer uses pydub (:mod:`exporter.narration.pcm` keeps its arithmetic):
the tests check that it cuts and measures exactly as pydub does. pydub warns when no ffmpeg
is on PATH, though slicing PCM needs none.
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=RuntimeWarning, module="pydub")
    warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*audioop.*")
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

__all__ = ["AudioSegment", "detect_leading_silence"]
