"""The Printer: the only place that talks to printers.

Every slip is a PDF made by reportlab (kiosk.vouchers). :meth:`Printer.print_pdf` sends it off the
UI thread and reports back on the UI thread with :attr:`Printer.printed` or :attr:`Printer.failed`
(with one plain sentence). Where the slip goes follows ``Settings.printer``:

* ``"pdf"`` (lower case; a CUPS queue may well be called ``PDF``): the slip is saved as
  ``<data_dir>/slips/<job name>.pdf``, never over an older file, and counts as printed.
* ``""``: the system's default destination.
* anything else: the CUPS queue of that name.

Why the CUPS command line (``lp``/``lpstat``/``cancel``) rather than QPrinter + QtPdf: ``lp``
hands CUPS the vector PDF itself, so barcodes and QR codes stay sharp at any printer resolution
and the driver, not the kiosk, rasterizes; and ``lp`` gives a job id that can be followed until
the slip has really come out. QPrinter tells nothing after the page is handed over, so a paused or
stuck printer would pass for "printed" and the slip would be lost. A job counts as printed only when
CUPS accepted it and the job completed; a queue that is missing, paused or rejecting, a job that
stays stuck longer than the timeout (it is then cancelled, so it cannot come out later next to a
reprint), or a job that CUPS cancels or aborts ends in ``failed``. The final state of a job that has
left the queue (completed, or cancelled/aborted) is read from libcups (the library ``lp`` itself
uses) through ctypes: ``lpstat`` does not tell them apart.

Paper: the PDF is the one source of truth. By default CUPS places a page on the queue's default
media, centred (an 80 mm slip on an 80×297 mm roll would come out after a band of blank paper), so
the media is asked for to match the slip's first page: ``na_letter_8.5x11in`` or
``na_invoice_5.5x8.5in`` for letter and half-letter pages, ``Custom.<w>x<h>mm`` for receipt-roll
slips whose height follows their content. Scaling is left to CUPS (``print-scaling`` auto): a page
that fits prints at 100 %.

Logs carry CUPS job ids and queue names, never job names or file names: they may hold a member's
name. (CUPS keeps the job name in its own job history, as for any print job.)
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import re
import shutil
import subprocess
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from kiosk.config import Settings
from kiosk.i18n import N_, _
from kiosk.logs import area_logger

log = area_logger("printing")

PDF_MODE = "pdf"
SLIPS_DIR = "slips"
# How long a job may take to leave the CUPS queue before it counts as stuck and is cancelled.
DEFAULT_TIMEOUT_S = 30.0
# One lp/lpstat/cancel call: the scheduler answers in milliseconds when it is healthy.
COMMAND_TIMEOUT_S = 10.0
POLL_FIRST_S = 0.1
POLL_MAX_S = 0.5
# At exit, jobs still waiting are given this long to notice (they are not cancelled).
SHUTDOWN_WAIT_MS = 3000

# The reasons `failed` carries (English msgids, translated on the UI thread).
NO_SERVICE = N_("The print service is not installed on this computer.")
NO_SCHEDULER = N_("The print service is not running.")
NO_DEFAULT = N_("This computer has no default printer.")
NOT_FOUND = N_("The printer is not set up on this computer.")
STOPPED = N_("The printer is stopped.")
REJECTING = N_("The printer is not accepting slips.")
NOT_ANSWERING = N_("The printer is not answering.")
JOB_FAILED = N_("The printer could not print the slip.")
REFUSED = N_("The print service did not take the slip.")
BAD_SLIP = N_("The slip cannot be read.")
NOT_SAVED = N_("The slip could not be saved in the slips folder.")
INTERNAL = N_("Something went wrong while printing.")

# PWG media names of the sheet sizes the slips come in (points, portrait).
_SHEETS = {(612.0, 792.0): "na_letter_8.5x11in", (396.0, 612.0): "na_invoice_5.5x8.5in"}
_MM_PER_POINT = 25.4 / 72
# Windows refuses these as file names, whatever the extension.
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)
}
_C_LOCALE = {"LC_ALL": "C", "LANG": "C", "LANGUAGE": ""}
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class PrintError(Exception):
    """A slip that did not print; ``msgid`` is one of this module's reasons (English)."""

    def __init__(self, msgid: str) -> None:
        super().__init__(msgid)
        self.msgid = msgid

    @property
    def reason(self) -> str:
        return _(self.msgid)


class _Stopped(Exception):
    """The Printer is shutting down: stop waiting and report nothing."""


# --- Saving to a folder ----------------------------------------------------------------------


def safe_file_name(job_name: str, *, limit: int = 80) -> str:
    """``job_name`` as a file name any system accepts: ASCII letters, digits, ``.-_``."""
    ascii_name = unicodedata.normalize("NFKD", job_name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-._")[:limit].rstrip("-._")
    if not name:
        return "comprobante"
    if name.split(".")[0].upper() in _RESERVED_NAMES:
        name = f"comprobante-{name}"
    return name


def save_pdf(folder: Path, pdf: bytes, job_name: str) -> Path:
    """Write ``pdf`` as ``folder/<job name>.pdf``; an existing file gets a ``-2``, ``-3``... twin
    instead of being replaced. Raises :class:`PrintError` when the folder cannot be written."""
    stem = safe_file_name(job_name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # slips carry names and phone numbers
        for n in range(1, 10_000):
            path = folder / (f"{stem}.pdf" if n == 1 else f"{stem}-{n}.pdf")
            try:
                # O_EXCL: two kiosks (or two jobs) saving the same name never overwrite each other.
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
            except FileExistsError:
                continue
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(pdf)
            except OSError:
                path.unlink(missing_ok=True)
                raise
            return path
    except OSError as exc:
        log.warning("cannot save a slip in %s: %s", folder, exc.strerror)
        raise PrintError(NOT_SAVED) from exc
    raise PrintError(NOT_SAVED)


# --- CUPS ------------------------------------------------------------------------------------


def _tool(name: str) -> str | None:
    # lpadmin-style tools live in /usr/sbin, which a kiosk user's PATH may lack.
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def _run(
    args: list[str], *, data: bytes | None = None, timeout: float = COMMAND_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    """Run a CUPS command in the C locale (its messages are parsed) and never hang for ever."""
    tool = _tool(args[0])
    if tool is None:
        raise PrintError(NO_SERVICE)
    env = {**os.environ, **_C_LOCALE}
    try:
        done = subprocess.run(
            [tool, *args[1:]],
            input=data,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        log.warning("%s did not answer within %.0f s", args[0], timeout)
        raise PrintError(NOT_ANSWERING) from exc
    except OSError as exc:
        log.warning("%s cannot run: %s", args[0], exc.strerror)
        raise PrintError(NO_SERVICE) from exc
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def _scheduler_running() -> bool:
    done = _run(["lpstat", "-r"])
    return "scheduler is running" in done.stdout


def available_printers() -> list[str]:
    """The destinations CUPS offers (queues, classes, printers found on the network), sorted;
    empty without CUPS."""
    try:
        done = _run(["lpstat", "-e"])
    except PrintError:
        return []
    if done.returncode != 0:
        return []
    return sorted({line.strip() for line in done.stdout.splitlines() if line.strip()})


def default_printer() -> str | None:
    """The system's default destination (lpoptions and ``LPDEST``/``PRINTER`` included), or
    None when there is none or no CUPS."""
    try:
        done = _run(["lpstat", "-d"])
    except PrintError:
        return None
    match = re.search(r"system default destination: (\S+)", done.stdout)
    return match.group(1) if match else None


def _check_queue(queue: str) -> None:
    """Fail early, with the right reason, on a queue that cannot take the slip now."""
    done = _run(["lpstat", "-p", queue, "-a", queue])
    if done.returncode != 0 or not done.stdout.strip():
        # A printer found on the network (IPP Everywhere) is listed but has no queue until
        # its first job: lp creates it.
        if queue.lower() in (name.lower() for name in available_printers()):
            return
        raise PrintError(NOT_FOUND)
    lines = done.stdout.splitlines()
    if _disabled(lines, queue):
        raise PrintError(STOPPED)
    if any(re.match(rf"{re.escape(queue)} not accepting", line, re.I) for line in lines):
        raise PrintError(REJECTING)


def _disabled(lpstat_lines: list[str], queue: str) -> bool:
    """Whether ``lpstat -p`` says the queue is stopped (paused by staff, or by CUPS after the
    printer failed). CUPS names are case-insensitive and lpstat prints the queue's own spelling."""
    pattern = re.compile(rf"printer {re.escape(queue)} disabled", re.I)
    return any(pattern.match(line) for line in lpstat_lines)


def _media_option(pdf: bytes) -> str | None:
    """The ``media`` matching the slip's first page, or None when its size cannot be read."""
    size = _first_page_size(pdf)
    if size is None:
        return None
    width, height = size
    for (w, h), name in _SHEETS.items():
        if abs(min(width, height) - w) < 2 and abs(max(width, height) - h) < 2:
            return name
    return f"Custom.{width * _MM_PER_POINT:.1f}x{height * _MM_PER_POINT:.1f}mm"


def _first_page_size(pdf: bytes) -> tuple[float, float] | None:
    """The first page's size in points, read with QtPdf (pdfium); raises BAD_SLIP on a PDF that
    cannot be read, so a broken slip never reaches the printer."""
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtPdf import QPdfDocument
    except ImportError:  # QtPdf is in PySide6-Addons; without it CUPS chooses the media
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintError(BAD_SLIP)
        size = document.pagePointSize(0)
        return (size.width(), size.height())
    finally:
        document.close()
        buffer.close()


def _submit(queue: str, pdf: bytes, job_name: str) -> str:
    """Hand the PDF to CUPS (on stdin: no copy of the slip is left in a temp file); return the
    job id (``QUEUE-123``)."""
    args = ["lp", "-d", queue, "-t", job_name or "comprobante"]
    media = _media_option(pdf)
    if media:
        args += ["-o", f"media={media}"]
    done = _run(args, data=pdf)
    match = re.search(r"request id is (\S+-\d+)", done.stdout)
    if done.returncode == 0 and match:
        return match.group(1)
    error = done.stderr.strip()
    log.warning("lp refused a slip for %s: %s", queue, error.replace(job_name, "…"))
    if "not accepting" in error:
        raise PrintError(REJECTING)
    if "does not exist" in error or "not found" in error.lower():
        raise PrintError(NOT_FOUND)
    if not _scheduler_running():
        raise PrintError(NO_SCHEDULER)
    raise PrintError(REFUSED)


def _cancel(job_id: str) -> None:
    try:
        done = _run(["cancel", job_id])
    except PrintError:
        return
    if done.returncode == 0:
        log.info("job %s cancelled", job_id)


def _wait_for_job(queue: str, job_id: str, timeout_s: float, stop: threading.Event) -> None:
    """Until the job has left the queue: a paused printer or a job older than ``timeout_s`` is
    cancelled and fails."""
    deadline = time.monotonic() + timeout_s
    interval = POLL_FIRST_S
    while True:
        done = _run(["lpstat", "-p", queue, "-W", "not-completed", "-o", queue])
        if done.returncode != 0:
            # Never take a failed lpstat for an empty queue: the slip would count as printed.
            if not _scheduler_running():
                raise PrintError(NO_SCHEDULER)
            if "Invalid destination" in done.stderr:
                raise PrintError(NOT_FOUND)  # the queue was deleted, and its jobs with it
        lines = done.stdout.splitlines()
        if not any(line.split(maxsplit=1)[:1] == [job_id] for line in lines):
            break
        if _disabled(lines, queue):
            _cancel(job_id)
            raise PrintError(STOPPED)
        if time.monotonic() >= deadline:
            log.warning("job %s still waiting after %.0f s", job_id, timeout_s)
            _cancel(job_id)
            raise PrintError(NOT_ANSWERING)
        if stop.wait(min(interval, max(0.0, deadline - time.monotonic()))):
            log.info("job %s left to CUPS: the printer is shutting down", job_id)
            raise _Stopped
        interval = min(interval * 1.5, POLL_MAX_S)
    state = _final_job_state(queue, int(job_id.rsplit("-", 1)[1]))
    if state is None and not _scheduler_running():
        raise PrintError(NO_SCHEDULER)
    if state is not None and state != _IPP_JOB_COMPLETED:
        log.warning("job %s ended in IPP state %d", job_id, state)
        raise PrintError(JOB_FAILED)


def print_to_cups(
    queue: str,
    pdf: bytes,
    job_name: str,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    stop: threading.Event | None = None,
) -> str:
    """Print on ``queue`` ("" = the default destination) and wait until the job has completed.
    Blocking; returns the job id or raises :class:`PrintError`."""
    if _tool("lp") is None or _tool("lpstat") is None:
        raise PrintError(NO_SERVICE)
    if not _scheduler_running():
        raise PrintError(NO_SCHEDULER)
    if not queue:
        queue = default_printer() or ""
        if not queue:
            raise PrintError(NO_DEFAULT)
    _check_queue(queue)
    job_id = _submit(queue, pdf, job_name)
    log.info("job %s accepted", job_id)
    _wait_for_job(queue, job_id, timeout_s, stop or threading.Event())
    log.info("job %s printed", job_id)
    return job_id


def deliver(
    settings: Settings,
    pdf: bytes,
    job_name: str,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    stop: threading.Event | None = None,
) -> str:
    """Send one slip where ``settings.printer`` says, blocking until it is out (for the command
    line; the UI uses :class:`Printer`). Returns the saved file or the CUPS job id."""
    if settings.printer == PDF_MODE:
        path = save_pdf(Path(settings.data_dir) / SLIPS_DIR, pdf, job_name)
        log.info("slip saved in the slips folder (%d bytes)", len(pdf))
        return str(path)
    return print_to_cups(settings.printer, pdf, job_name, timeout_s=timeout_s, stop=stop)


# libcups, for a job's final state: lpstat lists completed, cancelled and aborted jobs alike.
_IPP_JOB_COMPLETED = 9
_CUPS_WHICHJOBS_ALL = -1


class _CupsJob(ctypes.Structure):
    _fields_ = (
        ("id", ctypes.c_int),
        ("dest", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("user", ctypes.c_char_p),
        ("format", ctypes.c_char_p),
        ("state", ctypes.c_int),
        ("size", ctypes.c_int),
        ("priority", ctypes.c_int),
        ("completed_time", ctypes.c_long),
        ("creation_time", ctypes.c_long),
        ("processing_time", ctypes.c_long),
    )


@functools.cache
def _libcups() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("cups")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.cupsGetJobs2.argtypes = (
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.POINTER(_CupsJob)),
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_int,
    )
    lib.cupsGetJobs2.restype = ctypes.c_int
    lib.cupsFreeJobs.argtypes = (ctypes.c_int, ctypes.POINTER(_CupsJob))
    lib.cupsFreeJobs.restype = None
    lib.cupsSetServer.argtypes = (ctypes.c_char_p,)
    lib.cupsSetServer.restype = None
    return lib


def _final_job_state(queue: str, number: int) -> int | None:
    """The IPP job-state of job ``number`` (9 completed, 7 cancelled, 8 aborted), or None when it
    cannot be known (no libcups, or a server that keeps no job history)."""
    lib = _libcups()
    if lib is None:
        return None
    jobs = ctypes.POINTER(_CupsJob)()
    count = lib.cupsGetJobs2(None, ctypes.byref(jobs), queue.encode(), 0, _CUPS_WHICHJOBS_ALL)
    try:
        for i in range(max(count, 0)):
            if jobs[i].id == number:
                return int(jobs[i].state)
        return None
    finally:
        if count > 0:
            lib.cupsFreeJobs(count, jobs)
        # Forget this thread's server and connection: the next call reads CUPS_SERVER again.
        lib.cupsSetServer(None)


# --- The Printer -----------------------------------------------------------------------------


class _Job(QRunnable):
    def __init__(
        self,
        printer: Printer,
        settings: Settings,
        make_pdf: Callable[[], bytes],
        job_name: str,
        key: str,
    ):
        super().__init__()
        self._printer = printer
        self._settings = settings
        self._make_pdf = make_pdf
        self._job_name = job_name
        self._key = key

    def run(self) -> None:
        printer = self._printer
        try:
            pdf = self._make_pdf()
            if not pdf.startswith(b"%PDF-"):
                raise ValueError("a slip that is not a PDF file")
            deliver(
                self._settings,
                pdf,
                self._job_name,
                timeout_s=printer.timeout_s,
                stop=printer._stop,
            )
        except _Stopped:
            return
        except PrintError as exc:
            ok, msgid = False, exc.msgid
        except Exception:
            log.exception("printing failed")
            ok, msgid = False, INTERNAL
        else:
            ok, msgid = True, ""
        # RuntimeError: the Printer is gone (the window closed), nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            printer._finished.emit(self._key, ok, msgid)


class Printer(QObject):
    """Sends slips to the configured printer, one at a time and in order, off the UI thread.

    ``printed(key)`` or ``failed(key, reason)`` follows every :meth:`print_pdf`, on the UI
    thread; ``reason`` is one plain sentence in the kiosk's language. :meth:`shutdown` runs when
    the application quits (or call it earlier).
    """

    printed = Signal(str)
    failed = Signal(str, str)
    _finished = Signal(str, bool, str)

    def __init__(
        self,
        settings: Settings,
        parent: QObject | None = None,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.timeout_s = timeout_s
        self._stop = threading.Event()
        self._pending = 0
        # One thread: slips come out in the order they were asked for (a child's label, then
        # the guardian's stub), and a stuck printer holds one thread, not many.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:  # a stuck printer must not hold the kiosk's exit for timeout_s
            app.aboutToQuit.connect(self.shutdown)

    def print_pdf(self, pdf: bytes, job_name: str, *, key: str = "") -> None:
        """Send ``pdf`` (a whole PDF file) to the printer; returns at once."""
        if not pdf.startswith(b"%PDF-"):
            raise ValueError("print_pdf needs the bytes of a PDF file")
        pdf = bytes(pdf)
        self.print_made(lambda: pdf, job_name, key=key)

    def print_made(self, make_pdf: Callable[[], bytes], job_name: str, *, key: str = "") -> None:
        """Make the PDF with ``make_pdf`` on the printing thread, then print it: the page she
        is on answers at once while the slip is drawn. A PDF that cannot be made fails like a
        job the printer refused (``failed``)."""
        if self._stop.is_set():
            log.warning("a slip was sent after the printer shut down")
            return
        self._pending += 1
        self._pool.start(_Job(self, self.settings, make_pdf, job_name, key))

    def pending(self) -> int:
        """Slips sent and not yet reported."""
        return self._pending

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Stop taking slips; queued ones are dropped, and a job CUPS already has is left to
        print without being waited for. True when every worker has stopped in time."""
        self._stop.set()
        self._pool.clear()
        return self._pool.waitForDone(wait_ms)

    @Slot(str, bool, str)
    def _on_finished(self, key: str, ok: bool, msgid: str) -> None:
        self._pending = max(0, self._pending - 1)
        if ok:
            self.printed.emit(key)
        else:
            self.failed.emit(key, _(msgid))
