"""``python -m bench [--runs N] [--quick]``: one table of the kiosk's figures (issue 12).

Every section catches its own failure and prints a one-line note instead of its rows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAME_MS = 16.7


@dataclass
class Row:
    figure: str
    median: str
    p95: str = ""
    compared: str = ""
    target: str = ""
    met: str = ""


class Bench:
    def __init__(self, runs: int, quick: bool) -> None:
        self.runs = runs
        self.quick = quick
        self.big = 10_000 if quick else 100_000
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.temp = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
        self.dbs: dict[str, Path] = {}
        self.floor_ms: float | None = None
        self.floor_rss: float | None = None
        self.kiosk_painted: float | None = None
        self.kiosk_ready: float | None = None
        self.chromium_ms: float | None = None
        self.chromium_rss: float | None = None
        self.parts_ms: float | None = None
        self.parts_rss: float | None = None

    # --- helpers ----------------------------------------------------------------------------

    def env(self, data: Path | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        if data is not None:
            env["KIOSK_DATA_DIR"] = str(data / "data")
            env["KIOSK_SETTINGS_FILE"] = str(data / "settings.toml")
            env["KIOSK_PRINTER"] = "pdf"
        return env

    def run(self, args: list[str], data: Path | None = None, timeout: float = 600) -> str:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env(data),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            lines = [
                line for line in done.stderr.strip().splitlines() if "propagateSize" not in line
            ]
            tail = lines[-1] if lines else ""
            raise RuntimeError(f"{' '.join(args[:3])} exited {done.returncode}: {tail}")
        return done.stdout

    def section(self, name: str, body: Callable[[], None]) -> None:
        print(f"  … {name}", file=sys.stderr, flush=True)
        try:
            body()
        except Exception as exc:  # one section failing must not hide the others
            self.notes.append(f"{name}: not measured ({type(exc).__name__}: {exc})")

    def timed(self, args: list[str], data: Path | None = None) -> list[float]:
        times = []
        for _ in range(self.runs):
            start = time.perf_counter()
            self.run(args, data, timeout=120)
            times.append((time.perf_counter() - start) * 1000)
        return times

    # --- sections ---------------------------------------------------------------------------

    def prepare(self) -> None:
        for label, scale in (("demo", 0), ("1k", 1_000), ("big", self.big)):
            folder = self.temp / label
            folder.mkdir()
            start = time.perf_counter()
            try:
                args = ["-m", "kiosk", "demo"] + (["--scale", str(scale)] if scale else [])
                self.run(args, folder, timeout=900)
            except Exception as exc:
                self.notes.append(f"database {label} (scale {scale}) not prepared: {exc}")
                continue
            self.dbs[label] = folder
            print(
                f"  … database {label}: {time.perf_counter() - start:.1f} s",
                file=sys.stderr,
                flush=True,
            )

    def marks(self, args: list[str], data: Path | None = None) -> dict[str, list[float]]:
        """Run ``args`` ``runs`` times; the time from process start to each line it prints
        (``painted``: home on screen; ``ready``: taps answered) and to its exit."""
        found: dict[str, list[float]] = {"painted": [], "ready": [], "exit": []}
        for _ in range(self.runs):
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, *args],
                cwd=ROOT,
                env=self.env(data),
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            assert process.stdout is not None
            for line in process.stdout:
                word = line.strip()
                if word in found:
                    found[word].append((time.perf_counter() - start) * 1000)
            if process.wait(timeout=120) != 0:
                raise RuntimeError(f"{' '.join(args[:3])} exited {process.returncode}")
            found["exit"].append((time.perf_counter() - start) * 1000)
        return found

    def cold_start(self) -> None:
        floor = self.marks(["-m", "bench.floor"])
        self.floor_ms = statistics.median(floor["painted"])
        self.rows.append(Row("cold start: PySide6 floor (6 buttons), painted", ms(self.floor_ms)))
        # The same window with SQLAlchemy (the kiosk's tables mapped) and reportlab loaded:
        # what any kiosk on the named parts pays before its first page.
        parts = statistics.median(self.marks(["-m", "bench.floor", "--parts"])["painted"])
        self.parts_ms = parts
        self.rows.append(
            Row(
                "cold start: floor + SQLAlchemy, tables, reportlab, painted",
                ms(parts),
                "",
                f"{parts / self.floor_ms:.1f}× floor",
            )
        )
        for label, what in (("demo", "demo db"), ("big", f"{self.big:,} rows".replace(",", " "))):
            if label not in self.dbs:
                continue
            found = self.marks(["-m", "kiosk", "--exit-when-ready", "--windowed"], self.dbs[label])
            for mark, words in (
                ("painted", "home painted"),
                ("ready", "taps answered"),
                ("exit", "process exit"),
            ):
                values = found[mark]
                if not values:
                    continue
                value = statistics.median(values)
                if label == "demo" and mark == "painted":
                    self.kiosk_painted = value
                elif label == "demo" and mark == "ready":
                    self.kiosk_ready = value
                ratio = value / self.floor_ms
                limit = {"painted": 3, "ready": 5}.get(mark)
                target, met = (f"≤ {limit}× floor", yes(ratio <= limit)) if limit else ("", "")
                self.rows.append(
                    Row(
                        f"cold start: kiosk, {what}, {words}",
                        ms(value),
                        ms(p95(values)),
                        f"{ratio:.1f}× floor",
                        target,
                        met,
                    )
                )

    def chromium(self) -> None:
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            self.notes.append("chromium not installed: the Chromium comparison was skipped")
            return
        page = self.temp / "six.html"
        buttons = "".join(f"<button>Botón {i + 1}</button>" for i in range(6))
        page.write_text(f"<!doctype html><meta charset=utf-8><body>{buttons}</body>")
        # The flags a kiosk PC without network would use: no first-run, sync or updates.
        args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        args += ["--disable-background-networking", "--disable-component-update"]
        args += ["--disable-sync", "--disable-quic", f"--user-data-dir={self.temp / 'chromium'}"]
        args += ["--window-size=1366,768", f"--screenshot={self.temp / 'shot.png'}"]
        # Run through a small Python parent so the largest Chromium process's peak RSS is its
        # own (this process's children include the kiosks measured before).
        measure = (
            "import resource, subprocess, sys; "
            "subprocess.run(sys.argv[1:], capture_output=True, timeout=120, check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        times, peaks = [], []
        for _ in range(self.runs):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", measure, *args, page.as_uri()],
                capture_output=True,
                text=True,
                timeout=180,
                check=True,
            )
            times.append((time.perf_counter() - start) * 1000)
            peaks.append(float(done.stdout.strip()) / 1024)
        value = statistics.median(times)
        self.chromium_ms = value
        self.chromium_rss = statistics.median(peaks)
        compared = f"{value / self.floor_ms:.1f}× floor" if self.floor_ms else ""
        self.rows.append(Row("cold start: headless Chromium, static page", ms(value), "", compared))
        self.rows.append(Row("peak RSS: Chromium largest process", f"{self.chromium_rss:.0f} MiB"))
        for words, kiosk in (
            ("home painted", self.kiosk_painted),
            ("taps answered", self.kiosk_ready),
            ("floor + named parts", self.parts_ms),
        ):
            if kiosk is not None:
                ratio = kiosk / value
                self.rows.append(
                    Row(
                        f"cold start: kiosk {words} ÷ Chromium",
                        f"{ratio:.2f}×",
                        "",
                        "",
                        "≤ 0.5× Chromium",
                        yes(ratio <= 0.5),
                    )
                )

    def memory(self) -> None:
        floor = [
            float(self.run(["-m", "bench.floor", "--rss"]).split()[-1]) for _ in range(self.runs)
        ]
        self.floor_rss = statistics.median(floor) / 1024
        self.rows.append(Row("peak RSS: PySide6 floor", f"{self.floor_rss:.0f} MiB"))
        parts = [
            float(self.run(["-m", "bench.floor", "--parts", "--rss"]).split()[-1])
            for _ in range(self.runs)
        ]
        self.parts_rss = statistics.median(parts) / 1024
        compared = ""
        if self.chromium_rss:
            compared = f"{self.parts_rss / self.chromium_rss:.2f}× Chromium"
        self.rows.append(
            Row(
                "peak RSS: floor + SQLAlchemy, tables, reportlab",
                f"{self.parts_rss:.0f} MiB",
                "",
                compared,
            )
        )
        for label in ("demo", "big"):
            if label not in self.dbs:
                continue
            runs = max(1, min(self.runs, 3))
            kib = [float(self.run(["-m", "bench.kiosk_rss"], self.dbs[label])) for _ in range(runs)]
            value = statistics.median(kib) / 1024
            db = "demo db" if label == "demo" else f"{self.big:,} rows".replace(",", " ")
            target, met = "", ""
            if self.chromium_rss:
                ratio = value / self.chromium_rss
                target, met = f"≤ 0.5× Chromium ({ratio:.2f}×)", yes(ratio <= 0.5)
            self.rows.append(
                Row(
                    f"peak RSS: kiosk after every page, {db}",
                    f"{value:.0f} MiB",
                    "",
                    f"{value / self.floor_rss:.1f}× floor",
                    target,
                    met,
                )
            )

    def taps(self) -> None:
        taps = 20
        results: dict[str, dict[str, dict[str, object]]] = {}
        for label in ("1k", "big"):
            if label in self.dbs:
                out = self.run(["-m", "bench.taps", "--taps", str(taps)], self.dbs[label])
                results[label] = json.loads(out)
        if not results:
            raise RuntimeError("no database to tap on")
        big_words = f"{self.big // 1000}k"
        names = list(next(iter(results.values())))
        for name in names:
            for label, words in (("1k", "1k"), ("big", big_words)):
                entry = results.get(label, {}).get(name)
                if entry is None:
                    continue
                figure = f"tap→page {name} @{words}"
                if "error" in entry:
                    self.notes.append(f"{figure}: not measured ({entry['error']})")
                    continue
                times = entry["ms"]
                assert isinstance(times, list)
                how = "" if entry["how"] == "tap" else str(entry["how"])
                target, met = ("", "")
                if label == "big":
                    target, met = "p95 ≤ 16 ms", yes(p95(times) <= 16)
                self.rows.append(
                    Row(figure, ms(statistics.median(times)), ms(p95(times)), how, target, met)
                )
        kitchen = "jobs_list: Cocina"
        small, big = results.get("1k", {}).get(kitchen), results.get("big", {}).get(kitchen)
        if small and big and "ms" in small and "ms" in big:
            for stat, fn in (("p50", statistics.median), ("p95", p95)):
                delta = fn(big["ms"]) - fn(small["ms"])  # type: ignore[arg-type]
                self.rows.append(
                    Row(
                        f"jobs_list: Cocina {big_words} − 1k ({stat})",
                        f"{delta:+.1f} ms",
                        "",
                        f"{delta / FRAME_MS:+.2f} frame",
                        f"< {FRAME_MS} ms",
                        yes(delta < FRAME_MS),
                    )
                )

    def slips(self) -> None:
        out = json.loads(self.run(["-m", "bench.slips", "--runs", str(self.runs)], timeout=300))
        cold = next((v["cold"] for v in out.values() if v.get("cold")), None)
        if cold is not None:
            self.rows.append(Row("slip: first build in a process (imports, fonts)", ms(cold)))
        for kind, entry in out.items():
            build = entry["build"]
            self.rows.append(
                Row(
                    f"slip {kind}: build PDF (80mm)",
                    ms(statistics.median(build)),
                    ms(p95(build)),
                    "",
                    "≤ 50 ms",
                    yes(max(build) <= 50),
                )
            )
            deliver = entry["deliver"]
            self.rows.append(
                Row(
                    f"slip {kind}: deliver (pdf mode)",
                    ms(statistics.median(deliver)),
                    ms(p95(deliver)),
                )
            )

    def hsds(self) -> None:
        folder = self.temp / "hsds"
        folder.mkdir(exist_ok=True)
        out = json.loads(self.run(["-m", "bench.hsds", str(folder)], folder, timeout=900))
        size = out["bytes"] / 1_000_000
        what = f"HSDS import, {out['services']} services ({size:.0f} MB)"
        seconds = out["seconds"] * 1000
        self.rows.append(Row(what, ms(seconds), "", "", "≤ 5 s", yes(seconds <= 5000)))
        rss = out["rss_kib"] / 1024
        met = yes(rss <= 150)
        self.rows.append(Row(f"{what}: peak RSS", f"{rss:.0f} MiB", "", "", "≤ 150 MiB", met))

    def throughput(self) -> None:
        members = 500 if self.quick else 2000
        folder = self.temp / "throughput"
        folder.mkdir(exist_ok=True)
        from kiosk.data.sqlite_files import engine_url

        url = engine_url(folder / "signups.sqlite3")
        out = json.loads(self.run(["-m", "bench.throughput", url, "--members", str(members)]))
        self.rows.append(
            Row(f"sign-ups/s, SQLite ({out['n']} members, 1 session)", f"{out['per_s']:.0f}/s")
        )

    def throughput_pg(self) -> None:
        from bench import pg

        if pg.bindir() is None:
            self.notes.append("PostgreSQL (initdb/pg_ctl) not found: its throughput was skipped")
            return
        if os.geteuid() == 0 and shutil.which("runuser") is None:
            self.notes.append("running as root without runuser: PostgreSQL was skipped")
            return
        members = 500 if self.quick else 2000
        with pg.cluster() as url:
            out = json.loads(self.run(["-m", "bench.throughput", url, "--members", str(members)]))
        self.rows.append(
            Row(f"sign-ups/s, PostgreSQL ({out['n']} members, 1 session)", f"{out['per_s']:.0f}/s")
        )

    # --- the table --------------------------------------------------------------------------

    def print_table(self) -> None:
        header = Row("figure", "median", "p95", "compared", "target", "met")
        rows = [header, *self.rows]
        fields = ("figure", "median", "p95", "compared", "target", "met")
        widths = {f: max(len(getattr(r, f)) for r in rows) for f in fields}
        print(
            f"Quiosco CENESO benchmark — {self.runs} runs each, "
            f"{platform.node()}, Python {platform.python_version()}"
        )
        for index, row in enumerate(rows):
            cells = []
            for f in fields:
                text = getattr(row, f)
                cells.append(text.ljust(widths[f]) if f == "figure" else text.rjust(widths[f]))
            print("  ".join(cells).rstrip())
            if index == 0:
                print("  ".join("-" * widths[f] for f in fields))
        for note in self.notes:
            print(f"note: {note}")


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each figure (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="10 000 rows instead of 100 000, fewer sign-ups"
    )
    args = parser.parse_args()
    bench = Bench(max(1, args.runs), args.quick)
    try:
        bench.section("databases", bench.prepare)
        bench.section("cold start", bench.cold_start)
        bench.section("chromium", bench.chromium)
        bench.section("memory", bench.memory)
        bench.section("tap-to-page", bench.taps)
        bench.section("slips", bench.slips)
        bench.section("HSDS import", bench.hsds)
        bench.section("throughput (SQLite)", bench.throughput)
        bench.section("throughput (PostgreSQL)", bench.throughput_pg)
        bench.print_table()
    finally:
        shutil.rmtree(bench.temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
