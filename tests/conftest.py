from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import flows  # noqa: F401  (environment defaults before Prefect is imported)

REPO = Path(__file__).resolve().parent.parent
SEED_DOCUMENTS = REPO / "seeds" / "documents"
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold"
BAD_INPUTS = SHARED / "fixtures" / "bad_inputs"

needs_shared = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared (gold set, fixtures) is not beside the repo")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A throwaway Prefect API for real flow runs (one per test session)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
