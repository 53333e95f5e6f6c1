"""One result of ``exporter check``: a test, on one file of one output folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: "warn": worth an editor's look, not a failure (suspected typos).
Status = Literal["pass", "fail", "skip", "warn"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Check:
    #: The output folder's name (the article's slug).
    article: str
    check: str
    #: The file checked, relative to the output folder ("" for checks across files).
    file: str
    status: Status
    detail: str = ""
