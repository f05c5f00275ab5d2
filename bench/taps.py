"""Tap-to-page, in process: a real mouse click on the tile that opens a page (or
``window.open(name)`` where no single tile leads there) until that page has been painted.

``python -m bench.taps --taps N`` prints JSON: {label: {"how": ..., "ms": [...]}} and notes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from bench.harness import PaintWatch, settle, sign_in_staff, start, wait_painted


@dataclass
class Route:
    label: str
    target: str
    setup: Callable[[], None]  # brings the window to the page the tap starts from
    tile: Callable[[], QWidget] | None  # None: window.open(target)


def routes(window) -> list[Route]:  # type: ignore[no-untyped-def]
    from kiosk.data.models import JobCategory
    from kiosk.ui.pages.home import FIRST_PAGES, MEMBER_AREAS

    pages = window.pages
    home = window.home

    def from_home() -> None:
        window.forget_visit()
        window.go_home()

    def at(*names: str, staff: bool = False) -> Callable[[], None]:
        def go() -> None:
            from_home()
            if staff:
                sign_in_staff(window)
            for name in names:
                window.open(name)

        return go

    def at_kitchen() -> None:
        at("jobs")()
        window.job_bank.list.choose(JobCategory.KITCHEN)
        window.open("jobs_list")

    def offered_card() -> QWidget:
        listing = window.job_bank.list
        for index, card in enumerate(listing.cards):
            if not card.filled:
                return listing.tiles[index]
        raise RuntimeError("no offered job in Cocina")

    def kitchen_tile() -> QWidget:
        jobs = pages["jobs"]
        return jobs.tiles[list(jobs.shown).index(JobCategory.KITCHEN)]

    out: list[Route] = []
    for key in MEMBER_AREAS:  # home's four area tiles, each to its first page
        first = FIRST_PAGES.get(key, key)
        out.append(Route(key, first, from_home, lambda key=key: home.area_tiles[key]))
    out += [
        Route("staff (the staff key)", "staff", from_home, lambda: home.staff_key),
        Route("jobs_list: Cocina", "jobs_list", at("jobs"), kitchen_tile),
        Route("job_detail (issues the slip)", "job_detail", at_kitchen, offered_card),
        Route("home (nav Inicio)", "home", at("trade"), lambda: window.navbar.home),
        Route("signin", "signin", from_home, lambda: home.member_tile),
        Route("signin_confirm", "signin_confirm", at("signin"), None),
        Route("register_name", "register_name", at("signin"), None),
        Route("register_privacy", "register_privacy", at("signin"), None),
        Route("staff_pin", "staff_pin", at("staff"), lambda: pages["staff"].tiles[0]),
        Route("staff_desk", "staff_desk", at("staff_pin", staff=True), None),
        Route(
            "staff_help_calls",
            "staff_help_calls",
            at("staff_desk", staff=True),
            lambda: window.desk.buttons["desk_help"],
        ),
        Route(
            "staff_print_queue",
            "staff_print_queue",
            at("staff_desk", staff=True),
            lambda: window.desk.buttons["desk_print"],
        ),
        Route(
            "staff_voucher_check",
            "staff_voucher_check",
            at("staff_desk", staff=True),
            lambda: window.desk.buttons["desk_check"],
        ),
    ]
    known = {route.target for route in out}
    for name in pages:
        if name not in known:
            # Pages added since this list was written, opened directly from where she is when
            # she opens them: a staff page from the desk her PIN leads to, a childcare page
            # from the childcare shift page, any other page from home.
            page = pages[name]
            if page.staff_only or name.startswith("staff_"):
                setup = at("staff_desk", staff=True)
            elif page.signed_in_only:
                setup = at("childcare", staff=True)
            else:
                setup = from_home
            out.append(Route(name, name, setup, None))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taps", type=int, default=20)
    args = parser.parse_args()
    app, window = start()
    watch = PaintWatch()
    results: dict[str, dict[str, object]] = {}
    for route in routes(window):
        times: list[float] = []
        how = "window.open" if route.tile is None else "tap"
        try:
            for _ in range(args.taps + 1):  # the first one warms up and is not counted
                route.setup()
                settle(app)
                page = window.pages[route.target]
                tile = route.tile() if route.tile else None
                watch.arm(page)
                start_s = time.perf_counter()
                if tile is not None:
                    QTest.mouseClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
                else:
                    window.open(route.target)
                ok = wait_painted(app, watch)
                elapsed = (time.perf_counter() - start_s) * 1000
                if window.current_page() is not page:
                    raise RuntimeError(f"the tap opened {window.current_page().page_name}")
                if not ok:
                    how += " (forced repaint)"
                times.append(elapsed)
            results[route.label] = {"how": how, "ms": times[1:]}
        except Exception as exc:  # one route failing must not hide the others
            results[route.label] = {"how": how, "error": f"{type(exc).__name__}: {exc}"}
    settle(app)
    window.allow_close()
    window.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
