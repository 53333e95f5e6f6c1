"""How many cores this process may keep busy (a batch worker gets its share, not all)."""

from __future__ import annotations

import os

#: Set in each batch worker to its share of the cores (see exporter.batch.preload).
CPUS_VARIABLE = "EXPORTER_CPUS"


def cpu_count() -> int:
    """The cores this process should use: its share in a batch, else all of them."""
    share = os.environ.get(CPUS_VARIABLE, "")
    if share.isdigit() and int(share) > 0:
        return int(share)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1
