"""Command-line behaviour that needs no flow run."""

import pytest

from flows.cli import main


def test_a_missing_source_is_a_clear_error_before_anything_starts(tmp_path, capsys):
    assert main(["run", "--source", str(tmp_path / "no-such-dir"), "--warehouse", str(tmp_path / "wh")]) == 2
    assert capsys.readouterr().err.strip() == f"khaosan: source not found: {tmp_path / 'no-such-dir'}"
    assert not (tmp_path / "wh").exists()


def test_sql_without_a_warehouse_says_so(tmp_path, capsys):
    assert main(["sql", "select 1", "--warehouse", str(tmp_path / "wh")]) == 2
    assert "no warehouse at" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--batch-size", "0"],
        ["run", "--batch-size", "-1"],  # used to build no batches: files recorded, documents lost
        ["run", "--workers", "-1"],
        ["backfill", "--batch-size", "-5"],
        ["sql", "select 1", "--max-rows", "-1"],
        ["search", "ประชุม", "--limit", "0"],
    ],
)
def test_out_of_range_numbers_are_refused_by_the_parser(args, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--warehouse", str(tmp_path / "wh")])
    assert exit_.value.code == 2
    assert "must be" in capsys.readouterr().err
    assert not (tmp_path / "wh").exists()


def test_the_flow_refuses_a_batch_size_below_one_from_a_deployment():
    from flows.etl import etl

    with pytest.raises(ValueError, match="batch_size must be 1 or more"):
        etl.fn(source="", warehouse="unused", batch_size=-1)


def test_a_warehouse_path_that_cannot_be_created_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert main(["run", "--source", str(tmp_path), "--warehouse", str(blocker / "wh")]) == 2
    assert capsys.readouterr().err.startswith(f"khaosan: cannot use {blocker / 'wh'} as the warehouse")


@pytest.mark.parametrize("command", [["sql", "select 1"], ["search", "ประชุม"], ["report", "--out", "REPORT"]])
def test_a_damaged_catalog_is_a_one_line_error(command, tmp_path, capsys):
    wh = tmp_path / "wh"
    wh.mkdir()
    (wh / "khaosan.duckdb").write_bytes(b"this is not a duckdb file" * 100)
    (wh / "parquet").mkdir()
    args = [a.replace("REPORT", str(tmp_path / "r.html")) for a in command]
    assert main([*args, "--warehouse", str(wh)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("khaosan: ") and "Traceback" not in err
    assert not list(tmp_path.glob(".r.html.tmp"))
