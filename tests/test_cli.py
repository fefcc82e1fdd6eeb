"""Command-line behaviour that needs no flow run."""

from flows.cli import main


def test_a_missing_source_is_a_clear_error_before_anything_starts(tmp_path, capsys):
    assert main(["run", "--source", str(tmp_path / "no-such-dir"), "--warehouse", str(tmp_path / "wh")]) == 2
    assert capsys.readouterr().err.strip() == f"khaosan: source not found: {tmp_path / 'no-such-dir'}"
    assert not (tmp_path / "wh").exists()


def test_sql_without_a_warehouse_says_so(tmp_path, capsys):
    assert main(["sql", "select 1", "--warehouse", str(tmp_path / "wh")]) == 2
    assert "no warehouse at" in capsys.readouterr().err
