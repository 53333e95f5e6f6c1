"""French text processing: sentence splitting and normalisation for speech."""
