"""Narration: engines, sentence-by-sentence synthesis with exact timings, cache, loudness."""
