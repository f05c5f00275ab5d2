"""`kiosk report` for the monthly job and `kiosk restore`: files written, one sentence on error."""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import make_url, text

from kiosk.data.db import make_engine
from kiosk.i18n import DEFAULT_TIMEZONE
from kiosk.services.reports import NETWORK_COLUMNS, Month, last_month
from tests.cli.conftest import Run, assert_one_sentence
from tests.pdfs import pdf_text


def test_report_writes_pdf_and_csv(kiosk_cmd: Run, isolated_env: Path, tmp_path: Path) -> None:
    assert kiosk_cmd("demo").returncode == 0
    out = tmp_path / "informes" / "2026"
    result = kiosk_cmd("report", "--month", "2026-10", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pdf, csv_file = out / "informe-2026-10.pdf", out / "informe-2026-10.csv"
    assert str(pdf) in result.stdout and str(csv_file) in result.stdout
    text = pdf_text(pdf)
    assert "Informe mensual" in text and "octubre de 2026" in text
    assert csv_file.read_text(encoding="utf-8-sig").startswith("mes,centro,sección")


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


# --- the network's report ----------------------------------------------------------------------


def _add_centre(data_dir: Path, code: str, name: str) -> None:
    """A second centre in the kiosk's database, as the network's coordinator adds one."""
    with sqlite3.connect(data_dir / "kiosk.sqlite3") as conn:
        conn.execute(
            "INSERT INTO centres (code, name, municipality, created_at)"
            " VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
            (code, name, name.split()[-1]),
        )
    conn.close()


def test_network_report_has_a_row_for_every_centre(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path
) -> None:
    assert kiosk_cmd("demo").returncode == 0
    _add_centre(isolated_env, "aldama", "CENESO Aldama")
    out = tmp_path / "red"
    month = str(last_month(datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()))

    result = kiosk_cmd("report", "--network", "--out", str(out))  # last month by default

    assert result.returncode == 0, result.stderr
    pdf, csv_file = out / f"informe-red-{month}.pdf", out / f"informe-red-{month}.csv"
    assert str(pdf) in result.stdout and str(csv_file) in result.stdout
    text = pdf_text(pdf)
    assert "Informe de la red" in text and "2 centros" in text
    assert "CENESO Aquiles Serdán" in text
    assert "CENESO Aldama 0 0 0 0 0 0 0 0 0 0 0" in text  # a quiet centre: its row of zeros
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["mes", "centro"]
    assert {row[1] for row in rows[1:]} == {"CENESO Aldama", "CENESO Aquiles Serdán", "Red (total)"}
    # The station's own report names its centre too.
    result = kiosk_cmd("report", "--month", month, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "CENESO Aquiles Serdán Informe mensual" in pdf_text(out / f"informe-{month}.pdf")


def test_network_report_of_a_month_not_begun_is_one_sentence(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path
) -> None:
    ahead = str(Month.of(datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()).next())
    for month in (ahead, "2026-13", "octubre"):
        err = assert_one_sentence(
            kiosk_cmd("report", "--network", "--month", month, "--out", str(tmp_path / "o"))
        )
        assert "todavía no empieza" in err if month == ahead else "año-mes" in err
    assert not (tmp_path / "o").exists()
    assert not (isolated_env / "kiosk.sqlite3").exists()  # the database was not even opened


@pytest.mark.postgresql
def test_network_report_runs_as_a_role_that_reads_only_what_names_no_one(
    kiosk_cmd: Run, pg_url: str, tmp_path: Path
) -> None:
    """The coordinator's role: SELECT on NETWORK_COLUMNS only, column by column, no centre."""
    assert kiosk_cmd("demo", env={"KIOSK_DATABASE_URL": pg_url}).returncode == 0
    role = f"kiosk_coord_{uuid.uuid4().hex[:10]}"
    owner = make_engine(pg_url)
    with owner.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN BYPASSRLS'))
        for table, columns in NETWORK_COLUMNS.items():
            conn.execute(text(f'GRANT SELECT ({", ".join(columns)}) ON {table} TO "{role}"'))
    as_role = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    try:
        denied = kiosk_cmd(
            "report", "--out", str(tmp_path / "o"), env={"KIOSK_DATABASE_URL": as_role}
        )
        assert_one_sentence(denied)  # a centre's own report needs what names people
        out = tmp_path / "red"
        result = kiosk_cmd(
            "report", "--network", "--out", str(out), env={"KIOSK_DATABASE_URL": as_role}
        )
        assert result.returncode == 0, result.stderr
        month = str(last_month(datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()))
        assert "CENESO Aquiles Serdán" in pdf_text(out / f"informe-red-{month}.pdf")
    finally:
        with owner.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        owner.dispose()
