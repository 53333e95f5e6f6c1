"""Exit codes of the command-line tool (a written policy, not magic numbers)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    SUCCESS = 0
    #: Some articles of a batch failed, the others were converted.
    PARTIAL_FAILURE = 1
    #: Wrong usage: unknown option, missing argument (click's own code).
    USAGE = 2
    #: An input could not be read: empty, binary, undecodable, too large.
    INPUT_ERROR = 3
    #: A narration engine is missing or failed.
    ENGINE_ERROR = 4
    #: An output could not be written.
    EXPORT_ERROR = 5
    #: A setting is wrong.
    CONFIG_ERROR = 6
    #: Another batch is writing into the same build folder (try again, or use --wait).
    BUSY = 7
    #: A validator (EPUBCheck, Ace) that was asked for is missing or crashed.
    VALIDATOR_ERROR = 8
    #: Interrupted by the user (Ctrl-C).
    INTERRUPTED = 130
    #: Stopped by SIGTERM (a service manager, ``kill``).
    TERMINATED = 143
