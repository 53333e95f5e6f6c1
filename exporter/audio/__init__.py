"""Audio files: ffmpeg, encoding, tags and chapters, cover image."""
