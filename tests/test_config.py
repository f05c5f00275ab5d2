"""Settings: defaults, the settings file, and KIOSK_* variables (the environment wins)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config import Settings, SettingsError
from kiosk.data.sqlite_files import engine_url


def test_defaults_use_sqlite_in_the_data_dir(isolated_env: Path) -> None:
    settings = Settings.load(environ={"KIOSK_DATA_DIR": str(isolated_env)})
    assert settings.station == "member"
    assert settings.kiosk_mode is True
    assert settings.paper == "80mm"
    assert settings.idle_seconds == 60
    assert settings.locale == "es_MX"
    assert (settings.childcare_capacity, settings.childcare_capacity_warning) == (15, 12)
    assert (settings.childcare_ratio, settings.childcare_ratio_warning) == (5, 4)
    assert settings.effective_database_url == engine_url(isolated_env / "kiosk.sqlite3")


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[kiosk]\nstation = "childcare"\nidle_seconds = 90\nprinter = "Caja"\n')
    settings = Settings.load(path, environ={"KIOSK_IDLE_SECONDS": "120"})
    assert settings.station == "childcare"
    assert settings.printer == "Caja"
    assert settings.idle_seconds == 120  # the environment wins over the file


def test_saved_settings_load_back_and_are_private(tmp_path: Path) -> None:
    original = Settings(data_dir=tmp_path, station="staff", touch_and_hear=True, paper="letter")
    path = original.save(tmp_path / "conf" / "settings.toml")
    assert os.stat(path).st_mode & 0o077 == 0
    assert Settings.load(path, environ={}) == original


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"KIOSK_STATION": "cocina"}, "estación"),
        ({"KIOSK_PAPER": "A4"}, "papel"),
        ({"KIOSK_IDLE_SECONDS": "5"}, "10 segundos"),
        ({"KIOSK_IDLE_SECONDS": "mucho"}, "idle_seconds"),
        ({"KIOSK_SPEECH_ENABLED": "quizá"}, "speech_enabled"),
        ({"KIOSK_CHILDCARE_CAPACITY": "201"}, "0 a 200"),
        ({"KIOSK_CHILDCARE_RATIO": "muchos"}, "childcare_ratio"),
        ({"KIOSK_CHILDCARE_CAPACITY_WARNING": "0"}, "avisos"),
        ({"KIOSK_CHILDCARE_RATIO_WARNING": "-2"}, "avisos"),
    ],
)
def test_bad_values_are_one_plain_sentence(
    tmp_path: Path, env: dict[str, str], needle: str
) -> None:
    with pytest.raises(SettingsError, match=needle):
        Settings.load(tmp_path / "none.toml", environ=env)


def test_unknown_key_in_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[kiosk]\ncolor = 'rosa'\n")
    with pytest.raises(SettingsError, match="color"):
        Settings.load(path, environ={})


def test_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[kiosk\n")
    with pytest.raises(SettingsError, match=r"(?i)no se puede leer"):
        Settings.load(path, environ={})


def test_trade_listings_need_approval_unless_the_centre_says_otherwise(tmp_path: Path) -> None:
    assert Settings.load(tmp_path / "none.toml", environ={}).trade_needs_approval is True
    path = tmp_path / "settings.toml"
    path.write_text("[kiosk]\ntrade_needs_approval = false\n")
    assert Settings.load(path, environ={}).trade_needs_approval is False
    settings = Settings.load(path, environ={"KIOSK_TRADE_NEEDS_APPROVAL": "sí"})
    assert settings.trade_needs_approval is True  # the environment wins over the file
    with pytest.raises(SettingsError, match="trade_needs_approval"):
        Settings.load(path, environ={"KIOSK_TRADE_NEEDS_APPROVAL": "a veces"})


def test_childcare_limits_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "KIOSK_CHILDCARE_CAPACITY": "20",
        "KIOSK_CHILDCARE_CAPACITY_WARNING": "18",
        "KIOSK_CHILDCARE_RATIO": "4",
        "KIOSK_CHILDCARE_RATIO_WARNING": "3",
    }
    settings = Settings.load(tmp_path / "none.toml", environ=env)
    assert settings.childcare_capacity == 20
    assert settings.childcare_capacity_warning == 18
    assert settings.childcare_ratio == 4
    assert settings.childcare_ratio_warning == 3


def test_a_small_childcare_room_keeps_the_default_warnings(tmp_path: Path) -> None:
    env = {"KIOSK_CHILDCARE_CAPACITY": "8", "KIOSK_CHILDCARE_RATIO": "3"}
    settings = Settings.load(tmp_path / "none.toml", environ=env)
    assert settings.childcare_capacity == 8  # the warning of 12 simply means "at the limit"
    with pytest.raises(SettingsError, match="al menos 1"):
        Settings.load(tmp_path / "none.toml", environ={"KIOSK_CHILDCARE_RATIO_WARNING": "0"})


def test_imported_jobs_settings(tmp_path: Path) -> None:
    defaults = Settings.load(tmp_path / "none.toml", environ={})
    assert (defaults.job_default_days, defaults.jobs_show_incomplete) == (30, True)
    path = tmp_path / "settings.toml"
    path.write_text("[kiosk]\njob_default_days = 15\njobs_show_incomplete = false\n")
    settings = Settings.load(path, environ={"KIOSK_JOB_DEFAULT_DAYS": "45"})
    assert (settings.job_default_days, settings.jobs_show_incomplete) == (45, False)
    with pytest.raises(SettingsError, match="365"):
        Settings.load(path, environ={"KIOSK_JOB_DEFAULT_DAYS": "0"})
