"""Dates written the French way, for people to read (covers, title pages, library page)."""

from __future__ import annotations

import datetime as dt

from exporter.text.fr_data import MONTHS


def french_date(iso: str) -> str:
    """ "2012-05-22" -> "22 mai 2012" ("1er" on the first); anything else as written."""
    try:
        date = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"
