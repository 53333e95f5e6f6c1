"""pydub, imported once without its import-time warning about ffmpeg.

pydub warns when no ffmpeg is on PATH even though assembling PCM needs none; we point it
at the ffmpeg that the ``imageio-ffmpeg`` wheel ships when we encode
(:func:`exporter.audio.ffmpeg.ffmpeg_executable`) and raise a clear error there instead.
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=RuntimeWarning, module="pydub")
    warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*audioop.*")
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

__all__ = ["AudioSegment", "detect_leading_silence"]
