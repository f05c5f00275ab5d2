"""A private CUPS server for the test run, with cups-pdf queues whose PDFs land in a folder the
test owns.

``cupsd`` runs as root in the foreground (``-f``) with its own ServerRoot, spool, state, cache and
logs in a temp dir, and listens only on a unix socket there (no TCP port), so it never meets the
machine's own cupsd. ``CUPS_SERVER`` points every ``lp``/``lpstat``/``lpadmin`` of the session (and
libcups) at that socket. It reuses Debian's /usr/lib/cups (filters, backends) and /usr/share/cups.

cups-pdf reads its settings from /etc/cups only: ``cups-pdf.conf``, or ``cups-pdf-NAME.conf`` for a
queue whose device URI is ``cups-pdf:/NAME``. Each queue here gets such a file, named after this
process so that two runs never clash, with ``Out`` in the temp dir; the fixture removes them (and
any left by a run that was killed) and stops cupsd at the end of the session.

Needs: root; the Debian packages cups (cupsd, lpadmin, cupsenable...), cups-client (lp, lpstat,
cancel) and printer-driver-cups-pdf (backend, PPD; it pulls in ghostscript).
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require

CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF_DIR = Path("/etc/cups")
CONF_PREFIX = "cups-pdf-kiosktest-"
NEEDS = "CUPS (apt-get install cups cups-client printer-driver-cups-pdf; tests run as root)"
START_TIMEOUT_S = 15.0


def tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


CUPSD_CONF = """\
LogLevel info
Listen {socket}
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 0
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {base}/etc
RequestRoot {base}/spool
TempDir {base}/spool/tmp
StateDir {base}/run
CacheDir {base}/cache
AccessLog {base}/log/access_log
ErrorLog {base}/log/error_log
PageLog {base}/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
User lp
Group lp
SystemGroup root
FileDevice No
Printcap {base}/run/printcap
"""

CUPS_PDF_CONF = """\
Out {out}
AnonDirName {out}
Spool {base}/cups-pdf-spool
Log {base}/log
LogType 3
Grp lp
"""


class CupsServer:
    """The running private cupsd: add and remove queues, find what cups-pdf wrote."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.socket = base / "cups.sock"
        self.process: subprocess.Popen[bytes] | None = None
        self._tag = f"{os.getpid()}-{secrets.token_hex(3)}"
        self._confs: list[Path] = []
        self._queues: set[str] = set()

    # -- commands --

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a CUPS command against this server (C locale, its output parsed by tests)."""
        found = tool(args[0])
        assert found, args[0]
        env = {**os.environ, "CUPS_SERVER": str(self.socket), "LC_ALL": "C", "LANG": "C"}
        done = subprocess.run(
            [found, *args[1:]], capture_output=True, text=True, env=env, timeout=30, check=False
        )
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(args)}: {done.stderr.strip()}")
        return done

    def queue_name(self, label: str) -> str:
        """A queue name unique to this run (its cups-pdf file in /etc/cups is named after it)."""
        return f"kiosktest-{self._tag}-{label}"

    def out_dir(self, queue: str) -> Path:
        return self.base / "out" / queue

    def add_pdf_queue(self, queue: str, *, out: Path | None = None, **options: str) -> Path:
        """A cups-pdf queue writing into its own folder (returned); ``out`` overrides it."""
        if out is None:
            out = self.out_dir(queue)
            out.mkdir(parents=True, exist_ok=True)
        conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{queue}.conf"
        assert conf.name.startswith(CONF_PREFIX), queue
        conf.write_text(CUPS_PDF_CONF.format(out=out, base=self.base), encoding="utf-8")
        if conf not in self._confs:
            self._confs.append(conf)
        self._add(queue, f"cups-pdf:/{queue}", **options)
        return out

    def add_stuck_queue(self, queue: str) -> None:
        """A network printer that never answers: a socket:// queue on a port nobody listens on
        (CUPS's socket backend keeps retrying, the job stays "processing")."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self._add(queue, f"socket://127.0.0.1:{port}")

    def _add(self, queue: str, uri: str, **options: str) -> None:
        extra = [arg for name, value in options.items() for arg in ("-o", f"{name}={value}")]
        self.run("lpadmin", "-p", queue, "-v", uri, "-P", str(CUPS_PDF_PPD), *extra, "-E")
        self._queues.add(queue)

    def remove_queue(self, queue: str) -> None:
        self.run("lpadmin", "-x", queue, check=False)
        self._queues.discard(queue)

    def pending_jobs(self, queue: str) -> list[str]:
        done = self.run("lpstat", "-W", "not-completed", "-o", queue, check=False)
        return [line.split()[0] for line in done.stdout.splitlines() if line.strip()]

    def printed_pdfs(self, queue: str) -> list[Path]:
        return sorted(self.out_dir(queue).glob("*.pdf"))

    def log_tail(self, lines: int = 30) -> str:
        path = self.base / "log" / "error_log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # -- life cycle --

    def start(self) -> None:
        for name in ("etc/ppd", "etc/ssl", "spool/tmp", "run", "cache", "log", "out"):
            (self.base / name).mkdir(parents=True, exist_ok=True)
        # Filters run as lp: they must be able to walk into the temp dir.
        os.chmod(self.base, 0o755)
        (self.base / "etc" / "cupsd.conf").write_text(CUPSD_CONF.format(socket=self.socket))
        (self.base / "etc" / "cups-files.conf").write_text(CUPS_FILES_CONF.format(base=self.base))
        cupsd = tool("cupsd")
        assert cupsd
        with (self.base / "log" / "cupsd.out").open("wb") as out:
            self.process = subprocess.Popen(
                [
                    cupsd,
                    "-f",
                    "-c",
                    str(self.base / "etc" / "cupsd.conf"),
                    "-s",
                    str(self.base / "etc" / "cups-files.conf"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C of pytest does not reach it half-way
            )
        # Bounded wait for the socket, which also notices a cupsd that exits at once.
        for _ in range(int(START_TIMEOUT_S / 0.05)):
            if self.socket.exists() and "is running" in self.run("lpstat", "-r").stdout:
                return
            try:
                code = self.process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            output = (self.base / "log" / "cupsd.out").read_text(errors="replace")
            raise RuntimeError(f"cupsd exited with {code}: {output.strip()} {self.log_tail()}")
        raise RuntimeError(f"cupsd did not start in {START_TIMEOUT_S} s: {self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            for queue in list(self._queues):
                self.run("cancel", "-a", queue, check=False)
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                # Take its backends and filters too: they share its session.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        for conf in self._confs:
            conf.unlink(missing_ok=True)


def remove_stale_confs() -> None:
    """cups-pdf files left in /etc/cups by a test run that was killed (its pid is gone)."""
    for name in glob.glob(str(CUPS_PDF_CONF_DIR / f"{CONF_PREFIX}*.conf")):
        pid = Path(name).name[len(CONF_PREFIX) :].split("-")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            Path(name).unlink(missing_ok=True)


def apparmor_confines_cups_pdf() -> bool:
    """Debian's AppArmor profile lets cups-pdf read /etc/cups/cups-pdf.conf only, so the
    per-queue files these tests write would be ignored (true on a Debian VM with AppArmor on;
    containers normally have no such profile loaded)."""
    try:
        profiles = Path("/sys/kernel/security/apparmor/profiles").read_text()
    except OSError:
        return False
    return f"{CUPS_PDF_BACKEND} (enforce)" in profiles


def cups_available() -> bool:
    return all(tool(name) for name in ("cupsd", "lpadmin", "lp", "lpstat", "cancel")) and (
        CUPS_PDF_BACKEND.exists() and CUPS_PDF_PPD.exists()
    )


@pytest.fixture(scope="session")
def cups_server() -> Iterator[CupsServer]:
    """A private cupsd for the session; ``CUPS_SERVER`` names its socket while it runs."""
    require(cups_available(), NEEDS)
    require(os.geteuid() == 0, f"root to run a private cupsd and cups-pdf — {NEEDS}")
    require(
        not apparmor_confines_cups_pdf(),
        "cups-pdf free of AppArmor enforcement for the test run "
        "(apt-get install apparmor-utils; aa-complain /usr/lib/cups/backend/cups-pdf)",
    )
    remove_stale_confs()
    server = CupsServer(Path(tempfile.mkdtemp(prefix="kiosk-cups-")))
    before = os.environ.get("CUPS_SERVER")
    try:
        server.start()
        os.environ["CUPS_SERVER"] = str(server.socket)
        yield server
    finally:
        if before is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = before
        server.stop()
        shutil.rmtree(server.base, ignore_errors=True)
