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


# Columns that name the run that wrote a row: equal content written by two runs differs only there.
RUN_COLUMNS = {"run_id", "ingested_at", "quarantined_at"}


def warehouse_state(warehouse: Path) -> dict[str, list[str]]:
    """Every table but the run log, without run-specific columns, as sorted rows: two
    warehouses built from the same input by different runs compare equal."""
    from transforms import load, schemas

    wh = load.Warehouse(warehouse)
    out = {}
    for name in schemas.ALL_TABLES:
        if name == "pipeline_runs":
            continue
        table = wh.read_table(name)
        out[name] = sorted(map(repr, table.select([c for c in table.column_names if c not in RUN_COLUMNS]).to_pylist()))
    return out


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A throwaway Prefect API for real flow runs (one per test session)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
