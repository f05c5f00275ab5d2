"""`kiosk install-station`: a PC that shows only the kiosk, and `--uninstall` that undoes it.

Every installation here goes into a temporary folder given with the hidden ``--root`` option:
nothing is written into this computer's /etc, and no user is created on it (under --root the
command lists ``useradd``/``userdel`` instead of running them, and the tests check that list).
cage refuses to run as root, so the kiosk runs under cage as an unprivileged user of a user
namespace (``unshare --user``), as the station's own user would."""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.station import UNIT_NAME, reachable_by_anyone
from tests.cli.conftest import Run, assert_one_sentence
from tests.conftest import require

USER = "kiosko-prueba"  # never created: the tests would fail if it appeared on the machine
UNIT = Path("etc/systemd/system") / UNIT_NAME
SETTINGS = Path("home") / USER / ".config/quiosco-ceneso/settings.toml"
UNPRIVILEGED = ["unshare", "--user", "--map-user=1000", "--map-group=1000"]


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _install(kiosk_cmd: Run, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return kiosk_cmd("install-station", "--root", str(root), "--user", USER, *args)


def _tree(root: Path) -> dict[str, str]:
    """Every file and link under ``root`` with its content or target (empty folders aside)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_text(encoding="utf-8")
    return found


def _unit_command(unit_text: str) -> tuple[list[str], dict[str, str]]:
    """The unit's ExecStart and Environment=, as systemd would run them."""
    command: list[str] = []
    env: dict[str, str] = {}
    for line in unit_text.splitlines():
        if line.startswith("ExecStart="):
            command = shlex.split(line.removeprefix("ExecStart=").replace("$$", "$"))
        elif line.startswith("Environment="):
            key, _sep, value = shlex.split(line.removeprefix("Environment="))[0].partition("=")
            env[key] = value
    return command, env


def _unprivileged_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run([*UNPRIVILEGED, "true"], capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def station_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    return root


def test_the_unit_passes_systemd_analyze_verify(kiosk_cmd: Run, station_root: Path) -> None:
    require(shutil.which("cage") is not None, "cage (apt-get install cage xwayland)")
    require(
        shutil.which("systemd-analyze") is not None, "systemd-analyze (apt-get install systemd)"
    )
    result = _install(
        kiosk_cmd,
        station_root,
        "--station",
        "staff",
        "--printer",
        "pdf",
        "--centre-name",
        "CENESO Prueba",
        "--centre-id",
        "3",
        "--database-url",
        "postgresql+psycopg://kiosk@servidor/kiosk",
    )
    assert result.returncode == 0, result.stderr
    unit = station_root / UNIT
    verify = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert verify.returncode == 0, verify.stderr
    # systemd-analyze only warns (exit 0) about unknown keys or values it ignores: none here.
    assert verify.stderr.strip() == "", verify.stderr
    text = unit.read_text(encoding="utf-8")
    # Staff closing the kiosk (exit 0) leave it closed; a crash brings it back.
    assert "Restart=on-failure" in text
    assert f"User={USER}" in text
    assert "After=network-online.target" in text  # the database is on another computer
    # Starts at boot in place of any display manager: no desktop beside it.
    links = station_root / "etc/systemd/system"
    assert os.readlink(links / "graphical.target.wants" / UNIT_NAME).endswith(UNIT_NAME)
    assert os.readlink(links / "display-manager.service").endswith(UNIT_NAME)
    # The magic SysRq keys, a way out of any kiosk, are off.
    assert "kernel.sysrq = 0" in (station_root / "etc/sysctl.d/60-quiosco-ceneso.conf").read_text()

    settings = Settings.load(station_root / SETTINGS, environ={})
    assert settings.station == "staff"
    assert settings.printer == "pdf"
    assert settings.centre_name == "CENESO Prueba"
    assert settings.centre_id == 3
    assert settings.database_url == "postgresql+psycopg://kiosk@servidor/kiosk"
    assert settings.kiosk_mode is True
    # The user is part of the plan, never created on this machine by a test.
    planned = [line for line in result.stdout.splitlines() if "useradd" in line]
    assert len(planned) == 1 and planned[0].endswith(f" {USER}"), result.stdout
    assert "--create-home" in planned[0] and "/usr/sbin/nologin" in planned[0]
    assert not _user_exists(USER)


def test_a_settings_file_is_copied_and_options_win(
    kiosk_cmd: Run, station_root: Path, tmp_path: Path
) -> None:
    require(shutil.which("cage") is not None, "cage (apt-get install cage xwayland)")
    centre = tmp_path / "centro.toml"
    centre.write_text(
        '[kiosk]\ncentre_name = "CENESO Norte"\npaper = "letter"\nprinter = "Recibos"\n'
        'data_dir = "/root/otra-computadora"\n',
        encoding="utf-8",
    )
    result = _install(
        kiosk_cmd,
        station_root,
        "--station",
        "childcare",
        "--settings",
        str(centre),
        "--printer",
        "pdf",
    )
    assert result.returncode == 0, result.stderr
    settings = Settings.load(station_root / SETTINGS, environ={})
    assert (settings.station, settings.centre_name, settings.paper) == (
        "childcare",
        "CENESO Norte",
        "letter",
    )
    assert settings.printer == "pdf"
    # Another computer's data folder is not this station's.
    assert "otra-computadora" not in (station_root / SETTINGS).read_text(encoding="utf-8")


def test_the_kiosk_runs_inside_headless_cage_until_ready(
    kiosk_cmd: Run, station_root: Path, tmp_path: Path
) -> None:
    require(shutil.which("cage") is not None, "cage (apt-get install cage xwayland)")
    require(shutil.which("Xwayland") is not None, "Xwayland (apt-get install xwayland)")
    require(_unprivileged_works(), "user namespaces (unshare --user), to run cage unprivileged")
    result = _install(kiosk_cmd, station_root, "--station", "member", "--printer", "pdf")
    assert result.returncode == 0, result.stderr
    command, unit_env = _unit_command((station_root / UNIT).read_text(encoding="utf-8"))
    assert unit_env["QT_QPA_PLATFORM"] == "wayland"

    def session(**extra: str) -> subprocess.CompletedProcess[str]:
        runtime = tmp_path / f"run-{len(extra)}"
        runtime.mkdir(mode=0o700)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "QT_QPA"))}
        env.update(unit_env)
        env.update(
            {
                "XDG_RUNTIME_DIR": str(runtime),
                "WLR_BACKENDS": "headless",
                "WLR_RENDERER": "pixman",
                "KIOSK_SETTINGS_FILE": str(station_root / SETTINGS),
                "KIOSK_DATA_DIR": str(tmp_path / "data"),
                "KIOSK_SPEECH_ENABLED": "false",
                **extra,
            }
        )
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.run(
            [*UNPRIVILEGED, *command, "--exit-when-ready"],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
            check=False,
        )

    ready = session()
    assert ready.returncode == 0, ready.stderr[-2000:]
    assert ready.stdout.split() == ["painted", "ready"], ready.stderr[-2000:]

    # A kiosk that fails ends the session with its failure, so the unit starts it again.
    failed = session(KIOSK_DATABASE_URL="postgresql+psycopg://kiosk@127.0.0.1:1/kiosk")
    assert failed.returncode != 0
    assert "no responde" in failed.stderr


def test_uninstall_undoes_everything_and_twice_is_a_no_op(
    kiosk_cmd: Run, station_root: Path
) -> None:
    require(shutil.which("cage") is not None, "cage (apt-get install cage xwayland)")
    # A computer with a desktop, a text-only default and the user's own settings.
    system = station_root / "etc/systemd/system"
    system.mkdir(parents=True)
    (system / "display-manager.service").symlink_to("/lib/systemd/system/gdm3.service")
    (system / "default.target").symlink_to("/lib/systemd/system/multi-user.target")
    (station_root / SETTINGS).parent.mkdir(parents=True)
    (station_root / SETTINGS).write_text('[kiosk]\npaper = "letter"\n', encoding="utf-8")
    before = _tree(station_root)

    for _time in range(2):  # installing again changes nothing more
        installed = _install(kiosk_cmd, station_root, "--station", "member")
        assert installed.returncode == 0, installed.stderr
    assert os.readlink(system / "display-manager.service").endswith(UNIT_NAME)
    assert os.readlink(system / "default.target").endswith("graphical.target")
    assert Settings.load(station_root / SETTINGS, environ={}).paper == "letter"

    removed = kiosk_cmd("install-station", "--uninstall", "--root", str(station_root))
    assert removed.returncode == 0, removed.stderr
    assert _tree(station_root) == before
    assert f"userdel {USER}" in removed.stdout  # the user it created goes; its data stays

    again = kiosk_cmd("install-station", "--uninstall", "--root", str(station_root))
    assert again.returncode == 0, again.stderr
    assert "no es una estación" in again.stdout
    assert "userdel" not in again.stdout
    assert _tree(station_root) == before
    assert not _user_exists(USER)


def test_without_root_it_says_so_in_one_sentence(kiosk_cmd: Run, station_root: Path) -> None:
    require(_unprivileged_works(), "user namespaces (unshare --user), to run unprivileged")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    command = [sys.executable, "-m", "kiosk", "install-station", "--root", str(station_root)]
    for args in (["--station", "member"], ["--uninstall"]):
        result = subprocess.run(
            [*UNPRIVILEGED, *command, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        err = assert_one_sentence(result)
        assert "administradora" in err and "sudo" in err
    assert _tree(station_root) == {}


def test_a_station_that_is_not_one_of_the_three_is_refused(
    kiosk_cmd: Run, station_root: Path
) -> None:
    err = assert_one_sentence(_install(kiosk_cmd, station_root, "--station", "guarderia"))
    assert "member" in err and "childcare" in err and "staff" in err and "guarderia" in err
    err = assert_one_sentence(_install(kiosk_cmd, station_root))
    assert "--station" in err
    assert _tree(station_root) == {}


def test_a_kiosk_kept_where_others_cannot_enter_is_found(tmp_path: Path) -> None:
    """A kiosk installed in /root cannot be run by the station's user: found before installing."""
    folder = tmp_path / "privada"
    folder.mkdir(mode=0o700)
    program = folder / "kiosk"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    assert not reachable_by_anyone(program)
    assert reachable_by_anyone(Path("/bin/sh"))


@pytest.mark.parametrize("user_was_there", [False, True])
def test_on_the_computer_itself_the_user_is_created_only_when_missing(
    station_root: Path, monkeypatch: pytest.MonkeyPatch, user_was_there: bool
) -> None:
    """The steps that run only on the real / (useradd, chown, userdel, systemctl), with the
    computer's commands and user database replaced by a record: no user is really created."""
    from kiosk import station

    calls: list[list[str]] = []
    users: dict[str, pwd.struct_passwd] = {}

    def add_user(name: str, home: str) -> None:
        (station_root / home.lstrip("/")).mkdir(parents=True)
        users[name] = pwd.struct_passwd((name, "x", 23456, 23456, "", home, "/usr/sbin/nologin"))

    def run(argv: list[str], **_kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(argv)
        if argv[0] == "useradd":
            add_user(argv[-1], argv[argv.index("--home-dir") + 1])
        elif argv[0] == "userdel":
            users.pop(argv[-1])
        return subprocess.CompletedProcess(argv, 0, "", "")

    def getpwnam(name: str) -> pwd.struct_passwd:
        return users[name]

    class ThisComputer(station._Computer):
        def __init__(self, root: Path, report: station.Report) -> None:
            super().__init__(root, report)
            self.live = True

    if user_was_there:
        add_user(USER, f"/srv/{USER}")
    monkeypatch.setattr(station, "_Computer", ThisComputer)
    monkeypatch.setattr(station.subprocess, "run", run)
    monkeypatch.setattr(station.pwd, "getpwnam", getpwnam)
    monkeypatch.setattr(station, "reachable_by_anyone", lambda _path: True)

    station.install(station.StationRequest(station="member", user=USER, root=station_root))
    assert [c[0] for c in calls if c[0] == "useradd"] == ([] if user_was_there else ["useradd"])
    home = users[USER].pw_dir
    settings = station_root / home.lstrip("/") / ".config/quiosco-ceneso/settings.toml"
    # The kiosk, running as its user, can save the staff's changes to its settings.
    assert settings.stat().st_uid == 23456 and settings.parent.stat().st_uid == 23456
    assert ["systemctl", "daemon-reload"] in calls

    calls.clear()
    station.uninstall(station_root)
    assert ["systemctl", "stop", UNIT_NAME] in calls
    assert (["userdel", USER] in calls) is not user_was_there
    assert (USER in users) is user_was_there
    assert not settings.exists()
