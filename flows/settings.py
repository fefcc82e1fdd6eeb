"""Environment defaults, applied before Prefect and PyThaiNLP are imported.

Each is only a default: a value already in the environment wins.
"""

from __future__ import annotations

import os

DEFAULTS = {
    # Corpora ship in the wheel; never try to download (fails fast instead of hanging offline).
    "PYTHAINLP_OFFLINE": "1",
    # No telemetry calls out of the machine.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The ephemeral API server can take over a minute to start on a loaded 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # Ephemeral-server shutdown prints harmless CancelledError tracebacks at WARNING.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
}


def apply_defaults() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
