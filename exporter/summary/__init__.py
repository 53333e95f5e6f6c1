"""Plain-language summaries (easy-to-read French)."""
