"""``exporter check``: are the built outputs sound? See :mod:`exporter.check.report`."""

from exporter.check.report import (
    CheckOptions,
    check_outputs,
    failed,
    format_table,
    output_folders,
    to_json,
)
from exporter.check.results import Check, Status

__all__ = [
    "Check",
    "CheckOptions",
    "Status",
    "check_outputs",
    "failed",
    "format_table",
    "output_folders",
    "to_json",
]
