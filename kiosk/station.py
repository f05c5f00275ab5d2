"""A PC that is only the kiosk: ``kiosk install-station`` and the session it starts.

Blocking keys inside the window is not enough: Alt+Tab, the Super key and console switching
belong to the desktop. A station has no desktop: a dedicated user (``kiosko``) is signed in
automatically on the first console by a systemd unit (its PAM session gives it the seat, as a
display manager would), and the unit runs the kiosk alone under ``cage``, Debian's Wayland kiosk
compositor. What leads out of that session is closed:

- cage switches consoles (Ctrl+Alt+Fn) only when started with ``-s``; the unit never passes it,
  and ``XKB_DEFAULT_OPTIONS=srvrkeys:none`` makes Ctrl+Alt+Fn plain F keys as well;
- the magic SysRq keys are switched off (Alt+SysRq+R gives the keyboard back to the console,
  which then switches; Alt+SysRq+K kills the kiosk);
- the unit takes the place of the display manager, so no desktop starts beside it.

Staff close the kiosk with their PIN: it exits 0, the unit (``Restart=on-failure``) stays down
and a text login appears on the same screen for maintenance; ``systemctl start
quiosco-ceneso`` or a reboot brings the kiosk back. A crash exits non-zero and the unit restarts
it. cage 0.1.4 exits 0 whatever its program did, so ``kiosk station-session`` runs cage and
hands on the kiosk's own exit code.

Everything the installation did is written down in a manifest, and ``--uninstall`` undoes
exactly that (and nothing, the second time). ``--root DIR`` writes under DIR instead of ``/``
and runs no command on the computer (``useradd``, ``systemctl``...): they are listed instead."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.config import APP_NAME, STATIONS, Settings, SettingsError, save_changes
from kiosk.i18n import _
from kiosk.logs import area_logger

log = area_logger("station")

UNIT_NAME = "quiosco-ceneso.service"
PAM_SERVICE = "quiosco-ceneso"
DEFAULT_USER = "kiosko"
TTY = "tty1"
SYSTEM_UNITS = PurePosixPath("/etc/systemd/system")
UNIT_PATH = SYSTEM_UNITS / UNIT_NAME
PAM_PATH = PurePosixPath("/etc/pam.d") / PAM_SERVICE
SYSCTL_PATH = PurePosixPath("/etc/sysctl.d/60-quiosco-ceneso.conf")
MANIFEST_PATH = PurePosixPath("/var/lib/quiosco-ceneso/install-station.json")
WANTS_LINK = SYSTEM_UNITS / "graphical.target.wants" / UNIT_NAME
DISPLAY_MANAGER_LINK = SYSTEM_UNITS / "display-manager.service"
DEFAULT_TARGET_LINK = SYSTEM_UNITS / "default.target"
GRAPHICAL_TARGET = "/lib/systemd/system/graphical.target"
# Where the session leaves the kiosk's exit code for `kiosk station-session` to hand on.
STATUS_VARIABLE = "QUIOSCO_SESSION_STATUS"
# Keys that the session keeps from the computer's environment: nothing else of the user who
# installs the station (its KIOSK_* variables least of all) is copied into the unit.
UNIT_ENVIRONMENT = {
    "QT_QPA_PLATFORM": "wayland",
    # Ctrl+Alt+Fn are plain F keys: no keysym left that could switch consoles.
    "XKB_DEFAULT_OPTIONS": "srvrkeys:none",
    # A touch screen that appears a moment after cage starts must not stop the kiosk.
    "WLR_LIBINPUT_NO_DEVICES": "1",
}


class StationError(Exception):
    """The station could not be installed or removed; the message is one plain sentence."""


@dataclass(frozen=True)
class StationRequest:
    """What ``kiosk install-station`` was asked for."""

    station: str
    user: str = DEFAULT_USER
    root: Path = Path("/")
    # Settings for the station's kiosk, over those of the file given with --settings.
    settings: Mapping[str, Any] = field(default_factory=dict)
    settings_file: Path | None = None


@dataclass
class Report:
    """What was done, in plain lines, and the commands left for the computer under --root."""

    done: list[str] = field(default_factory=list)
    not_run: list[list[str]] = field(default_factory=list)


def kiosk_command() -> list[str]:
    """The command that starts this kiosk (the ``kiosk`` script of its environment)."""
    script = Path(sys.executable).parent / "kiosk"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "kiosk"]


def unit_text(request: StationRequest, *, uses_server: bool) -> str:
    """The systemd unit that signs the station's user in on tty1 and runs the kiosk."""
    execstart = " ".join(_systemd_quote(part) for part in [*kiosk_command(), "station-session"])
    network = ""
    if uses_server:
        network = "Wants=network-online.target\nAfter=network-online.target\n"
    environment = "".join(
        f"Environment={_systemd_quote(f'{k}={v}')}\n" for k, v in UNIT_ENVIRONMENT.items()
    )
    return (
        "# Written by `kiosk install-station`; `kiosk install-station --uninstall` removes it.\n"
        "# The kiosk alone under cage on tty1, signed in as its own user: no desktop to reach.\n"
        "# Staff closing the kiosk with their PIN stop it until `systemctl start "
        f"{UNIT_NAME}` or a reboot.\n"
        "[Unit]\n"
        f"Description=Quiosco CENESO ({request.station} station)\n"
        "Documentation=man:cage(1)\n"
        f"After=systemd-user-sessions.service getty@{TTY}.service plymouth-quit-wait.service\n"
        "After=systemd-logind.service dbus.socket\n"
        "Before=graphical.target\n"
        "Wants=systemd-logind.service dbus.socket\n"
        f"{network}"
        f"Conflicts=getty@{TTY}.service\n"
        # Closed by staff (exit 0): a text login on the same screen, for maintenance.
        f"OnSuccess=getty@{TTY}.service\n"
        f"ConditionPathExists=/dev/{TTY}\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"User={request.user}\n"
        f"PAMName={PAM_SERVICE}\n"
        "WorkingDirectory=~\n"
        f"TTYPath=/dev/{TTY}\n"
        "TTYReset=yes\n"
        "TTYVHangup=yes\n"
        "TTYVTDisallocate=yes\n"
        "StandardInput=tty-fail\n"
        "StandardOutput=journal\n"
        "StandardError=journal\n"
        f"UtmpIdentifier={TTY}\n"
        "UtmpMode=user\n"
        f"{environment}"
        f"ExecStart={execstart}\n"
        # A crash comes back; staff closing the kiosk (exit 0) does not.
        "Restart=on-failure\n"
        "RestartSec=3\n"
        "\n"
        "[Install]\n"
        "WantedBy=graphical.target\n"
        "Alias=display-manager.service\n"
    )


PAM_TEXT = (
    "# Written by `kiosk install-station`: the kiosk user's automatic session on tty1.\n"
    "# No password is ever asked here; systemd opens the session for its unit.\n"
    "auth     required pam_deny.so\n"
    "@include common-account\n"
    "session  optional pam_loginuid.so\n"
    "@include common-session\n"
)

SYSCTL_TEXT = (
    "# Written by `kiosk install-station`: the magic SysRq keys would lead out of the kiosk\n"
    "# (Alt+SysRq+R gives the keyboard back to the console, Alt+SysRq+K kills the kiosk).\n"
    "kernel.sysrq = 0\n"
)


def _systemd_quote(word: str) -> str:
    """``word`` as one argument of a unit's command line or Environment= line."""
    text = word.replace("$", "$$").replace("%", "%%")
    if text and not any(ch in text for ch in " \t\"'\\;"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- install and uninstall ---------------------------------------------------------------------


class _Computer:
    """Files under ``root``; commands run only when root is the real ``/``."""

    def __init__(self, root: Path, report: Report) -> None:
        self.root = root
        self.live = root.resolve() == Path("/")
        self.report = report

    def path(self, absolute: PurePosixPath | str) -> Path:
        return self.root / str(absolute).lstrip("/")

    def run(self, argv: list[str], *, must_succeed: bool = True) -> bool:
        if not self.live:
            self.report.not_run.append(argv)
            return True
        log.info("running %s", argv[0])
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode != 0 and must_succeed:
            log.error("%s failed: %s", argv[0], done.stderr.strip()[-500:])
            raise StationError(
                _("The command {command} failed; nothing more was changed.").format(command=argv[0])
            )
        return done.returncode == 0

    def write(self, absolute: PurePosixPath, text: str, mode: int = 0o644) -> None:
        target = self.path(absolute)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(partial, mode)
        os.replace(partial, target)

    def link_target(self, absolute: PurePosixPath) -> str | None:
        target = self.path(absolute)
        return os.readlink(target) if target.is_symlink() else None

    def symlink(self, absolute: PurePosixPath, points_to: str) -> None:
        target = self.path(absolute)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.exists():
            target.unlink()
        target.symlink_to(points_to)


def _manifest(computer: _Computer) -> dict[str, Any] | None:
    path = computer.path(MANIFEST_PATH)
    if not path.exists():
        return None
    unreadable = StationError(
        _("The record of the installed station, {path}, cannot be read.").format(path=path)
    )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise unreadable from exc
    if not isinstance(data, dict):
        raise unreadable
    return data


def _require_root() -> None:
    if os.geteuid() != 0:
        raise StationError(
            _(
                "Installing or removing a station changes the computer itself; run it as "
                "administrator, with sudo."
            )
        )


def _check_request(request: StationRequest) -> None:
    if request.station not in STATIONS:
        raise SettingsError(
            _("The station must be one of {choices}, not {value!r}.").format(
                choices=", ".join(STATIONS), value=request.station
            )
        )
    if not request.user or not all(ch.isalnum() or ch in "_-" for ch in request.user):
        raise StationError(
            _("The user name {name!r} cannot be used; use letters, digits, - and _.").format(
                name=request.user
            )
        )


def reachable_by_anyone(path: Path) -> bool:
    """Whether a user with no groups of its own can run ``path``: every folder on the way is
    open to others (a kiosk kept in /root cannot be run by the station's user)."""
    for step in (path, *path.parents):
        try:
            mode = step.stat().st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH:
            return False
    return True


def _check_computer(computer: _Computer, user: str) -> None:
    if shutil.which("cage") is None or shutil.which("Xwayland") is None:
        raise StationError(
            _(
                "The station needs cage, the kiosk screen of Debian; install it with: "
                "apt-get install cage xwayland"
            )
        )
    if not computer.live:
        return
    for program in (Path(kiosk_command()[0]), Path(sys.executable).resolve()):
        if not reachable_by_anyone(program):
            raise StationError(
                _(
                    "The user {user} cannot open {path}; install the kiosk in a folder everyone "
                    "can read, such as /opt/quiosco-ceneso."
                ).format(user=user, path=program)
            )


def _station_settings(request: StationRequest) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if request.settings_file is not None:
        try:
            with request.settings_file.open("rb") as fh:
                raw = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(
                _("The settings file {path} cannot be read.").format(path=request.settings_file)
            ) from exc
        values.update(raw.get("kiosk", raw))
        # Another computer's folders mean nothing here: the station keeps its own.
        values.pop("data_dir", None)
    values.update({k: v for k, v in request.settings.items() if v is not None})
    values["station"] = request.station
    values["kiosk_mode"] = True
    return values


def install(request: StationRequest) -> Report:
    """Make this computer a station; running it again brings it to the same state."""
    _require_root()
    _check_request(request)
    report = Report()
    computer = _Computer(request.root, report)
    _check_computer(computer, request.user)
    values = _station_settings(request)
    # Checked as a whole before anything is touched.
    checked = Settings.load(Path(os.devnull), environ={}, **values)
    old = _manifest(computer) or {}
    manifest = _new_manifest(request, old)
    home = _ensure_user(computer, request, manifest, old)
    # Written down at once: whatever fails next, --uninstall knows the user is the kiosk's.
    _save_manifest(computer, manifest)
    _write_settings(computer, request.user, home, values, manifest)
    computer.write(UNIT_PATH, unit_text(request, uses_server=bool(checked.database_url)))
    computer.write(PAM_PATH, PAM_TEXT)
    computer.write(SYSCTL_PATH, SYSCTL_TEXT)
    manifest["files"] = [str(UNIT_PATH), str(PAM_PATH), str(SYSCTL_PATH)]
    _save_manifest(computer, manifest)
    _enable(computer, manifest)
    computer.run(["systemctl", "daemon-reload"], must_succeed=False)
    computer.run(["sysctl", "-q", "-p", str(SYSCTL_PATH)], must_succeed=False)
    log.info("station installed (%s)", request.station)
    return report


def _new_manifest(request: StationRequest, old: dict[str, Any]) -> dict[str, Any]:
    """What this installation did, carried over from an earlier one for the same user."""
    if old and old.get("user") != request.user:
        raise StationError(
            _(
                "This computer is already a station for the user {user}; remove it first with "
                "kiosk install-station --uninstall."
            ).format(user=old.get("user"))
        )
    return {
        "user": request.user,
        "user_created": bool(old.get("user_created")),
        "files": [],
        "links": dict(old.get("links", {})),
        "settings_file": old.get("settings_file"),
        "settings_backup": old.get("settings_backup"),
    }


def _ensure_user(
    computer: _Computer, request: StationRequest, manifest: dict[str, Any], old: dict[str, Any]
) -> PurePosixPath:
    """The kiosk's user, created only when missing, never changed when it was already there;
    its home folder."""
    home = PurePosixPath("/home") / request.user
    useradd = [
        "useradd",
        "--create-home",
        "--home-dir",
        str(home),
        "--shell",
        "/usr/sbin/nologin",
        "--comment",
        "Quiosco CENESO",
        request.user,
    ]
    if not computer.live:
        computer.run(useradd)
        manifest["user_created"] = manifest["user_created"] or not old
        return home
    try:
        return PurePosixPath(pwd.getpwnam(request.user).pw_dir)
    except KeyError:
        computer.run(useradd)
        manifest["user_created"] = True
        computer.report.done.append(_("User {user} created.").format(user=request.user))
        return home


def _write_settings(
    computer: _Computer,
    user: str,
    home: PurePosixPath,
    values: dict[str, Any],
    manifest: dict[str, Any],
) -> None:
    """The station's settings, in the file the kiosk reads and the staff's settings page
    saves; a settings file already there is kept aside for --uninstall."""
    settings_path = home / ".config" / APP_NAME / "settings.toml"
    real_settings = computer.path(settings_path)
    if manifest["settings_file"] is None:
        manifest["settings_file"] = str(settings_path)
        if real_settings.exists():
            backup = settings_path.with_name("settings.toml.before-station")
            shutil.copy2(real_settings, computer.path(backup))
            manifest["settings_backup"] = str(backup)
        _save_manifest(computer, manifest)
    created_dirs = [
        d for d in (home, home / ".config", settings_path.parent) if not computer.path(d).exists()
    ]
    save_changes(values, real_settings)
    if computer.live:
        owner = pwd.getpwnam(user)
        for path in (*created_dirs, settings_path):
            os.chown(computer.path(path), owner.pw_uid, owner.pw_gid)
    computer.report.done.append(_("Settings written to {path}.").format(path=settings_path))


def _enable(computer: _Computer, manifest: dict[str, Any]) -> None:
    """Enabled as `systemctl enable` would, and in place of the display manager; what was
    there before is kept in the manifest so that --uninstall puts it back."""
    links = {str(WANTS_LINK): str(UNIT_PATH), str(DISPLAY_MANAGER_LINK): str(UNIT_PATH)}
    if _default_target(computer) != "graphical.target":
        links[str(DEFAULT_TARGET_LINK)] = GRAPHICAL_TARGET
    for link, points_to in links.items():
        if link not in manifest["links"]:
            manifest["links"][link] = computer.link_target(PurePosixPath(link))
        _save_manifest(computer, manifest)
        computer.symlink(PurePosixPath(link), points_to)
    computer.report.done.append(
        _("The kiosk starts alone on the screen at boot ({unit}).").format(unit=UNIT_NAME)
    )


def _default_target(computer: _Computer) -> str | None:
    for place in (DEFAULT_TARGET_LINK, PurePosixPath("/lib/systemd/system/default.target")):
        target = computer.link_target(place)
        if target is not None:
            return PurePosixPath(target).name
    return None


def _save_manifest(computer: _Computer, manifest: dict[str, Any]) -> None:
    computer.write(MANIFEST_PATH, json.dumps(manifest, indent=2) + "\n", mode=0o600)


def uninstall(root: Path = Path("/")) -> Report:
    """Undo what :func:`install` did, as its manifest says; nothing when there is none."""
    _require_root()
    report = Report()
    computer = _Computer(root, report)
    manifest = _manifest(computer)
    if manifest is None:
        report.done.append(_("This computer is not a station; nothing was changed."))
        return report
    user = str(manifest.get("user", DEFAULT_USER))
    computer.run(["systemctl", "stop", UNIT_NAME], must_succeed=False)

    for link, before in dict(manifest.get("links", {})).items():
        ours = computer.link_target(PurePosixPath(link))
        # A link someone changed since is theirs now: left alone.
        if ours is not None and ours in (str(UNIT_PATH), GRAPHICAL_TARGET):
            if before:
                computer.symlink(PurePosixPath(link), before)
            else:
                computer.path(link).unlink()
        _remove_empty_dirs(computer, PurePosixPath(link).parent, SYSTEM_UNITS)
    for name in manifest.get("files", []):
        computer.path(name).unlink(missing_ok=True)

    settings_file = manifest.get("settings_file")
    if settings_file:
        backup = manifest.get("settings_backup")
        if backup and computer.path(backup).exists():
            os.replace(computer.path(backup), computer.path(settings_file))
        else:
            computer.path(settings_file).unlink(missing_ok=True)
    report.done.append(_("The kiosk no longer starts alone at boot."))

    computer.run(["systemctl", "daemon-reload"], must_succeed=False)
    computer.run(["sysctl", "-q", "--system"], must_succeed=False)
    if manifest.get("user_created"):
        computer.run(["loginctl", "terminate-user", user], must_succeed=False)
        # Without --remove: the kiosk's data (its database included) stays in the home folder.
        computer.run(["userdel", user])
        report.done.append(
            _("User {user} removed; the kiosk's data stays in its folder.").format(user=user)
        )
    computer.path(MANIFEST_PATH).unlink()
    _remove_empty_dirs(computer, MANIFEST_PATH.parent, PurePosixPath("/var/lib"))
    log.info("station removed")
    return report


def _remove_empty_dirs(computer: _Computer, folder: PurePosixPath, stop: PurePosixPath) -> None:
    while folder != stop and stop in folder.parents:
        try:
            computer.path(folder).rmdir()
        except OSError:
            return
        folder = folder.parent


# --- the session the unit runs -----------------------------------------------------------------


def session(extra_args: list[str]) -> int:
    """Run the kiosk under cage and return the kiosk's own exit code (cage 0.1.4 returns 0
    whatever its program did, and the unit restarts the kiosk only after a failure)."""
    cage = shutil.which("cage")
    if cage is None:
        raise StationError(
            _(
                "The station needs cage, the kiosk screen of Debian; install it with: "
                "apt-get install cage xwayland"
            )
        )
    runtime = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    with tempfile.TemporaryDirectory(prefix="kiosk-session-", dir=runtime) as folder:
        status = Path(folder) / "exit-status"
        env = dict(os.environ)
        env[STATUS_VARIABLE] = str(status)
        app = [
            "/bin/sh",
            "-c",
            f'"$@"; echo $? > "${STATUS_VARIABLE}"',
            "kiosk",
            *kiosk_command(),
            *extra_args,
        ]
        # -d: no window decorations. No -s: cage then never switches consoles.
        done = subprocess.run([cage, "-d", "--", *app], env=env, check=False)
        try:
            code = int(status.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            # cage did not start the kiosk, or the kiosk was killed before it could exit.
            code = done.returncode or 1
    log.info("kiosk session ended with %d", code)
    return code
