"""`kiosk report` for the monthly job and `kiosk restore`: files written, one sentence on error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run, assert_one_sentence
from tests.pdfs import pdf_text


def test_report_writes_pdf_and_csv(kiosk_cmd: Run, isolated_env: Path, tmp_path: Path) -> None:
    assert kiosk_cmd("demo").returncode == 0
    out = tmp_path / "informes" / "2026"
    result = kiosk_cmd("report", "--month", "2026-10", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pdf, csv = out / "informe-2026-10.pdf", out / "informe-2026-10.csv"
    assert str(pdf) in result.stdout and str(csv) in result.stdout
    text = pdf_text(pdf)
    assert "Informe mensual" in text and "octubre de 2026" in text
    assert csv.read_text(encoding="utf-8-sig").startswith("mes,sección")


@pytest.mark.parametrize("month", ["2026-13", "octubre", "10-2026"])
def test_a_bad_month_is_one_sentence_and_writes_nothing(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path, month: str
) -> None:
    err = assert_one_sentence(kiosk_cmd("report", "--month", month, "--out", str(tmp_path / "o")))
    assert "año-mes" in err
    assert not (tmp_path / "o").exists()
    assert not (isolated_env / "kiosk.sqlite3").exists()  # the database was not even opened


def test_report_without_a_folder_is_refused(kiosk_cmd: Run) -> None:
    err = assert_one_sentence(kiosk_cmd("report", "--month", "2026-10"))
    assert "kiosk --help" in err


def test_restore_round_trip_on_the_command_line(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path
) -> None:
    assert kiosk_cmd("demo").returncode == 0
    copy = tmp_path / "copia.sqlite3"
    assert kiosk_cmd("backup", str(copy)).returncode == 0
    database = isolated_env / "kiosk.sqlite3"
    with sqlite3.connect(database) as conn:
        members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
        conn.execute("DELETE FROM pickup_people")
    conn.close()
    result = kiosk_cmd("restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert "es ahora la base de datos" in result.stdout
    assert "backups" in result.stdout  # where the database as it was is kept
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == members
        assert conn.execute("SELECT count(*) FROM pickup_people").fetchone()[0] > 0
    conn.close()


def test_restore_of_a_foreign_file_is_one_sentence(kiosk_cmd: Run, tmp_path: Path) -> None:
    bad = tmp_path / "fotos.zip"
    bad.write_bytes(b"PK\x03\x04 no es un respaldo")
    err = assert_one_sentence(kiosk_cmd("restore", str(bad)))
    assert "no es un respaldo del quiosco" in err
    err = assert_one_sentence(kiosk_cmd("restore", str(tmp_path / "no-existe.sqlite3")))
    assert "no existe" in err
