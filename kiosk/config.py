"""The kiosk's settings: one typed dataclass, loaded from defaults, the settings file and the
environment (``KIOSK_<FIELD>``; the environment wins)."""

from __future__ import annotations

import os
import socket
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from kiosk.i18n import _

APP_NAME = "quiosco-ceneso"
STATIONS = ("member", "childcare", "staff")
PAPERS = ("80mm", "half-letter", "letter")
# The Open Referral HSDS 3.0 schema files shipped inside the package (with their licence).
SHIPPED_HSDS_SCHEMA = Path(__file__).resolve().parent / "data" / "hsds_schema"


class SettingsError(ValueError):
    """A settings value that cannot be used; the message is one plain sentence."""


def _default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_settings_file() -> Path:
    """Where the settings file lives unless ``KIOSK_SETTINGS_FILE`` says otherwise."""
    env = os.environ.get("KIOSK_SETTINGS_FILE")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.toml"


@dataclass
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    # Empty: a SQLite file in data_dir. Several kiosks share a PostgreSQL server with
    # postgresql+psycopg://user:password@host/dbname
    database_url: str = ""
    # On a PostgreSQL server: how often the server is tried while it does not answer, and how
    # often the read copy of what members browse (data_dir/read-copy.sqlite) is taken again.
    server_check_seconds: float = 5.0
    read_copy_minutes: float = 15.0
    station: str = "member"
    # How this PC is named on the staff desk ("Pedir ayuda" calls say where to go).
    station_name: str = field(default_factory=lambda: socket.gethostname()[:80])
    kiosk_mode: bool = True
    # "" = the system's default printer, a queue name, or "pdf" = save slips in data_dir/slips
    printer: str = ""
    paper: str = "80mm"
    idle_seconds: int = 60
    idle_warning_seconds: int = 20
    # A staff or volunteer PIN sign-in ends after this much quiet (or at Inicio, or Salir).
    staff_idle_seconds: int = 120
    speech_enabled: bool = True
    speech_rate: float = 0.0
    speech_volume: float = 0.8
    touch_and_hear: bool = False
    # The first time a woman signs in, a short spoken guide shows where the bar's buttons are.
    first_visit_guide: bool = True
    locale: str = "es_MX"
    timezone: str = "America/Chihuahua"
    centre_name: str = "CENESO Aquiles Serdán"
    # The centre of the network this station belongs to (its number in the centres table);
    # a single centre is centre 1.
    centre_id: int = 1
    # The centre as the privacy notice names it (the "responsable" of the members' data): its
    # address, and how and when a woman can ask about her data at the desk (her ARCO rights).
    centre_address: str = "Aquiles Serdán, Chihuahua, México"
    privacy_contact: str = "en la mesa del personal del centro, de lunes a viernes de 9:00 a 14:00"
    # A UTF-8 text or Markdown file with the centre's own privacy notice; "" = the kiosk's
    # notice (resources/privacy/aviso-integral.md). {centre_name}, {centre_address} and
    # {privacy_contact} in it are filled in from these settings.
    privacy_notice_file: str = ""
    # The children's room: at most childcare_capacity children, and at most childcare_ratio
    # children per volunteer on shift (check-in is refused past either). Past the *_warning
    # numbers the check-in happens, and the volunteer is warned that the room is nearly full.
    childcare_capacity: int = 15
    childcare_ratio: int = 5
    childcare_capacity_warning: int = 12
    childcare_ratio_warning: int = 4
    # Empty: <data_dir>/backups. The daily backup keeps the newest backup_keep copies there.
    backup_dir: str = ""
    backup_keep: int = 14
    # New trade listings wait for staff approval before members see them.
    trade_needs_approval: bool = True
    # A program whose details were last confirmed (its HSDS assured date) more days ago than
    # this shows "información por confirmar" to staff.
    program_stale_days: int = 180
    # The folder of the Open Referral HSDS 3.0 JSON schema files (service.json, phone.json...)
    # that program imports and exports are checked against; "" = the copy shipped in the
    # package (kiosk/data/hsds_schema).
    hsds_schema_dir: str = ""
    # An imported job posting without a closing date is offered this many days from its
    # posting date (or from the import, if it has none either).
    job_default_days: int = 30
    # Members see imported postings that still lack something (shown as "Pago por acordar",
    # "Pregunta en el centro") before staff complete them.
    jobs_show_incomplete: bool = True

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        if self.station not in STATIONS:
            raise SettingsError(
                _("The station must be one of {choices}, not {value!r}.").format(
                    choices=", ".join(STATIONS), value=self.station
                )
            )
        if self.paper not in PAPERS:
            raise SettingsError(
                _("The paper must be one of {choices}, not {value!r}.").format(
                    choices=", ".join(PAPERS), value=self.paper
                )
            )
        if self.idle_seconds < 10:
            raise SettingsError(_("The idle time must be at least 10 seconds."))
        if self.staff_idle_seconds < 10:
            raise SettingsError(_("The staff sign-in time must be at least 10 seconds."))
        if self.idle_warning_seconds < 20:
            raise SettingsError(_("The idle warning must last at least 20 seconds."))
        if self.program_stale_days < 1:
            raise SettingsError(
                _("The age after which a program needs confirming is 1 day or more.")
            )
        if not 1 <= self.childcare_ratio <= 30 or not 0 <= self.childcare_capacity <= 200:
            raise SettingsError(
                _(
                    "The childcare takes 0 to 200 children, and 1 to 30 for each person "
                    "looking after them."
                )
            )
        # A warning above its limit is the limit itself (a small room set to 8 places keeps the
        # default warning of 12 without anyone having to change it too).
        if self.childcare_capacity_warning < 1 or self.childcare_ratio_warning < 1:
            raise SettingsError(_("The childcare warnings must be at least 1."))
        if self.backup_keep < 1:
            raise SettingsError(_("At least 1 backup must be kept."))
        if not 1 <= self.job_default_days <= 365:
            raise SettingsError(_("The days an imported job is offered go from 1 to 365."))
        if self.centre_id < 1:
            raise SettingsError(_("The centre is a number from 1 up (centre_id)."))

    @property
    def effective_hsds_schema_dir(self) -> Path:
        if self.hsds_schema_dir:
            return Path(self.hsds_schema_dir).expanduser()
        return SHIPPED_HSDS_SCHEMA

    @property
    def sqlite_path(self) -> Path:
        return Path(self.data_dir) / "kiosk.sqlite3"

    @property
    def effective_database_url(self) -> str:
        """The URL the kiosk connects to: the setting, or the SQLite file in the data dir."""
        if self.database_url:
            return self.database_url
        from kiosk.data.sqlite_files import engine_url

        return engine_url(self.sqlite_path)

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        environ: dict[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Defaults, then the settings file (TOML), then ``KIOSK_*`` variables, then overrides."""
        environ = dict(os.environ if environ is None else environ)
        path = Path(path) if path is not None else default_settings_file()
        values = _read_file(path)
        names = {f.name for f in fields(cls)}
        for name in names:
            key = f"KIOSK_{name.upper()}"
            if key in environ:
                values[name] = environ[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        _refuse_unknown(values, names)
        hints = get_type_hints(cls)
        converted = {name: _convert(name, hints[name], value) for name, value in values.items()}
        return cls(**converted)

    def save(self, path: Path | None = None) -> Path:
        """Write the settings file, readable by the kiosk's user only."""
        path = Path(path) if path is not None else default_settings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["[kiosk]"]
        for f in fields(self):
            value = getattr(self, f.name)
            lines.append(f"{f.name} = {_toml_value(value)}")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        return path


def _read_file(path: Path) -> dict[str, Any]:
    """The settings in the TOML file at ``path`` (its [kiosk] table); none when it is missing."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(
            _("The settings file {path} cannot be read.").format(path=path)
        ) from exc
    return dict(raw.get("kiosk", raw))


def _refuse_unknown(values: Mapping[str, Any], names: set[str]) -> None:
    unknown = set(values) - names
    if unknown:
        raise SettingsError(_("Unknown setting: {names}.").format(names=", ".join(sorted(unknown))))


def fixed_by_environment(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The ``KIOSK_*`` variable that decides setting ``name`` on this computer, if one is set:
    the environment wins over the settings file, so a change saved there would not count."""
    key = f"KIOSK_{name.upper()}"
    return key if key in (os.environ if environ is None else environ) else None


def save_changes(changes: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write ``changes`` into the settings file, keeping what else it says; checked as a whole
    first (nothing is written if a value cannot be used), written beside it and renamed, and
    readable by the kiosk's user only. Values that come from the environment are not copied
    into the file."""
    path = Path(path) if path is not None else default_settings_file()
    values = _read_file(path)
    values.update(changes)
    names = [f.name for f in fields(Settings)]
    _refuse_unknown(values, set(names))
    hints = get_type_hints(Settings)
    converted = {name: _convert(name, hints[name], value) for name, value in values.items()}
    Settings(**converted)  # raises SettingsError for a value that cannot be used
    lines = ["[kiosk]"]
    lines += [f"{name} = {_toml_value(converted[name])}" for name in names if name in converted]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(partial, path)
    return path


def _convert(name: str, hint: Any, value: Any) -> Any:
    try:
        if hint is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "si", "sí", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        if hint is int:
            return int(value)
        if hint is float:
            return float(value)
        if hint is Path:
            return Path(value).expanduser()
        return str(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(
            _("The setting {name} has a value that cannot be used: {value!r}.").format(
                name=name, value=value
            )
        ) from exc


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
