"""Dates, times and durations written for people: "22 mai 2012", "0:01:23.456", "3 min 07 s".

One home for every clock and calendar format the outputs use: covers, title pages and the
library page (French dates), transcripts and Media Overlays (clock values), batch progress
(elapsed time) and the library's durations.
"""

from __future__ import annotations

import datetime as dt

from exporter.text.fr_data import MONTHS


def day_month_year(day: int, month: int, year: int | str) -> str:
    """(1, 5, 2012) -> "1er mai 2012"; the month must be 1 to 12."""
    day_text = "1er" if day == 1 else str(day)
    return f"{day_text} {MONTHS[month - 1]} {year}"


def french_date(iso: str) -> str:
    """ "2012-05-22" -> "22 mai 2012" ("1er" on the first); anything else as written."""
    try:
        date = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return day_month_year(date.day, date.month, date.year)


def clock(ms: int, *, separator: str = ".", hour_digits: int = 1) -> str:
    """A clock value to the millisecond: 83456 -> "0:01:23.456" (SMIL); with
    ``separator=","`` and ``hour_digits=2``, "00:01:23,456" (SRT)."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:0{hour_digits}d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def format_duration(seconds: float) -> str:
    """Elapsed or remaining time, to the second: "0:42", "12:05", "1:02:03"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float) -> tuple[str, str]:
    """(text, ISO 8601 duration): ("3 min 07 s", "PT3M7S")."""
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    text = f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
    return text, f"PT{minutes}M{secs}S"
