"""Shared fixtures: isolated settings and data dirs, offscreen Qt, SQLite and a real PostgreSQL."""

from __future__ import annotations

import atexit
import contextlib
import functools
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI", "").lower() == "true"


def _no_sound_server_autospawn() -> None:
    """With the pulseaudio package installed (the audio test needs it), libpulse starts a
    sound server by itself for any process that asks for one, this test run's Qt included:
    forked out of a threaded process, that crashes it. Only tests/audio.py's own server plays."""
    if "PULSE_CLIENTCONFIG" in os.environ:
        return
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pulse-client-"))
    (folder / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
    os.environ["PULSE_CLIENTCONFIG"] = str(folder / "client.conf")
    atexit.register(shutil.rmtree, folder, True)


_no_sound_server_autospawn()


def require(condition: bool, what: str) -> None:
    """A real part the test needs: in CI its absence fails the test, elsewhere it skips."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} (required in CI)")
    pytest.skip(what)


def _untracked() -> set[str]:
    done = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    return set(done.stdout.decode(errors="replace").split("\0")) if done.returncode == 0 else set()


@pytest.fixture(scope="session", autouse=True)
def repository_stays_clean() -> Iterator[None]:
    """No test writes into the checkout: a file left there would be committed by mistake."""
    before = _untracked()
    yield
    left = sorted(_untracked() - before)
    assert not left, f"tests left files in the repository: {left[:5]}"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user's settings or data: every test gets its own folders."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("KIOSK_SETTINGS_FILE", str(tmp_path / "settings.toml"))
    keep = {"KIOSK_DATA_DIR", "KIOSK_SETTINGS_FILE", "KIOSK_TEST_POSTGRES_URL"}
    for name in list(os.environ):
        if name.startswith("KIOSK_") and name not in keep:
            monkeypatch.delenv(name)
    from kiosk import i18n

    i18n.setup("es_MX")
    return data_dir


# --- waiting for the kiosk: patient on a busy machine -----------------------------------------

PATIENCE_MS = 30_000


def _patient(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wait(*args: Any, timeout: int = PATIENCE_MS, **kwargs: Any) -> Any:
        return method(*args, timeout=timeout, **kwargs)

    return wait


@pytest.fixture
def qtbot(qtbot):  # type: ignore[no-untyped-def]
    """pytest-qt's qtbot, waiting up to 30 s by default instead of 5: what a test waits for
    comes at once on an idle PC, and a CI machine running two workers may stall for seconds.
    Waits whose length is the point (the help call's two seconds) still give their own."""
    for name in ("waitSignal", "waitSignals", "waitUntil", "waitCallback", "waitExposed"):
        setattr(qtbot, name, _patient(getattr(qtbot, name)))
    return qtbot


# --- shared test data ------------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def shared_data(name: str) -> Path:
    """A folder of the shared test data, ``../shared/data/NAME`` beside the repository (a
    worktree may sit one level deeper, so each folder above is tried). Never copied in."""
    for folder in (REPO, *REPO.parents):
        found = folder / "shared" / "data" / name
        if found.is_dir():
            return found
    require(False, f"the shared test data ../shared/data/{name} beside the repository")
    raise AssertionError  # require() failed or skipped


@pytest.fixture(scope="session")
def hsds_data() -> Path:
    """The Open Referral HSDS 3.0 examples and schema (``examples/``, ``schema/``)."""
    return shared_data("hsds-3.0")


def hsds_example_names() -> list[str]:
    """The official HSDS example files (and the CSV package folder) as the standard ships
    them, for parametrizing: a new example is covered without touching any test."""
    for folder in (REPO, *REPO.parents):
        found = folder / "shared" / "data" / "hsds-3.0" / "examples"
        if found.is_dir():
            return sorted(p.name for p in found.iterdir() if p.suffix == ".json" or p.is_dir())
    return ["missing"]  # the hsds_data fixture then says what to install


# --- PostgreSQL: a throwaway cluster started for the test run --------------------------------


def _pg_bindir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists():
            return path
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


class PgCluster:
    """A throwaway PostgreSQL cluster in a temp dir, on a unix socket only; as root its server
    runs as the postgres user (initdb and postgres refuse root)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.datadir, self.sockdir = self.base / "data", self.base / "sock"
        self.sockdir.mkdir()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres")
            shutil.chown(self.sockdir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-A",
            "trust",
            "-U",
            "kiosk",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        subprocess.run(
            [*self.as_user, str(self.bindir / tool), *args], check=check, capture_output=True
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses='' -k {self.sockdir} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.datadir),
            "-o",
            options,
            "-w",
            "-l",
            str(self.base / "server.log"),
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "stop", check=False)

    def url(self, db: str = "{db}") -> str:
        return f"postgresql+psycopg://kiosk@/{db}?host={self.sockdir}"

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)


def pg_cluster() -> PgCluster:
    """A new cluster, not started (the test run's server, or one a test stops and starts)."""
    bindir = _pg_bindir()
    require(bindir is not None, "PostgreSQL server binaries (apt-get install postgresql)")
    assert bindir is not None
    return PgCluster(bindir)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A libpq-style base URL ``postgresql+psycopg://kiosk@/{db}?host=SOCKDIR``."""
    given = os.environ.get("KIOSK_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    cluster = pg_cluster()
    cluster.start()
    try:
        yield cluster.url()
    finally:
        cluster.remove()


_db_numbers = itertools.count(1)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server for one test."""
    import psycopg

    name = f"kiosk_test_{os.getpid()}_{next(_db_numbers)}"
    admin = pg_server.format(db="postgres").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_server.format(db=name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    from kiosk.data.sqlite_files import engine_url

    return engine_url(tmp_path / "kiosk.sqlite3")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Every data and service test runs on SQLite and on a real PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


# --- a database at the newest schema, made by the kiosk's migrations once per test run --------
#
# Bringing a new database to head takes about a second (more on PostgreSQL); a test that only
# needs the schema starts from a copy of one the migrations made at the start of the run.
# tests/data/test_migrations.py and the tests that start from an empty folder still run every
# step on a database of their own.

_templates: dict[str, str] = {}


def _make_template(url: str) -> None:
    from kiosk.data.db import make_engine, migrate

    eng = make_engine(url)
    try:
        migrate(eng)
    finally:
        eng.dispose()


def _sqlite_template() -> Path:
    if "sqlite" not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-schema-"))
        atexit.register(shutil.rmtree, folder, True)
        from kiosk.data.sqlite_files import engine_url

        _make_template(engine_url(folder / "kiosk.sqlite3"))
        _templates["sqlite"] = str(folder / "kiosk.sqlite3")
    return Path(_templates["sqlite"])


def migrated_sqlite(path: Path) -> None:
    """An empty kiosk database at the newest schema at ``path`` unless one is there already."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_sqlite_template(), path)


def _admin_url(url: str) -> tuple[str, str]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres")
    return admin.render_as_string(hide_password=False), str(parsed.database)


def _drop_database(admin: str, name: str) -> None:
    import psycopg

    with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrated(url: str) -> None:
    """The database at ``url`` (new and empty) replaced by a copy at the newest schema."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        migrated_sqlite(Path(str(parsed.database)))
        return
    import psycopg

    admin, name = _admin_url(url)
    if admin not in _templates:
        template = f"kiosk_schema_{os.getpid()}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template}"')
        _make_template(parsed.set(database=template).render_as_string(hide_password=False))
        _templates[admin] = template
        atexit.register(_drop_database, admin, template)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_templates[admin]}"')


@pytest.fixture
def engine(db_url: str) -> Iterator[object]:
    from kiosk.data.db import make_engine, migrate

    migrated(db_url)
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine):  # type: ignore[no-untyped-def]
    from kiosk.data.db import make_session_factory

    return make_session_factory(engine)


# --- several kiosks at once: a pool with a connection for every racing thread ---------------


def _pooled_factory(url: str) -> Iterator[object]:
    from kiosk.data.db import make_engine, make_session_factory, migrate

    migrated(url)
    eng = make_engine(url, pool_size=20, max_overflow=5)
    migrate(eng)
    yield make_session_factory(eng)
    eng.dispose()


@pytest.fixture
def racing_factory(db_url: str) -> Iterator[object]:
    """A session factory for up to 25 threads at once, on SQLite and on a real PostgreSQL."""
    yield from _pooled_factory(db_url)


@pytest.fixture
def pg_factory(pg_url: str) -> Iterator[object]:
    """A session factory for up to 25 threads at once, on a real PostgreSQL only."""
    yield from _pooled_factory(pg_url)


@pytest.fixture
def sqlite_factory(sqlite_url: str) -> Iterator[object]:
    """A session factory for up to 25 threads at once, on SQLite only."""
    yield from _pooled_factory(sqlite_url)


# The private CUPS server with cups-pdf queues (tests/cups.py), for printing tests anywhere, and
# the private PulseAudio with a null sink (tests/audio.py), to hear what the kiosk says.
from tests.audio import pulse_server  # noqa: E402,F401
from tests.cups import cups_server  # noqa: E402,F401


# The reliability suites' figures (tests/reliability/conftest.py ``report_figure``), printed
# here: with several workers only this conftest is loaded by the process that prints.
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    figures = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for key, value in getattr(report, "user_properties", ())
        if key == "figure"
    ]
    if figures:
        terminalreporter.section("reliability figures")
        for line in sorted(figures):
            terminalreporter.write_line(line)
