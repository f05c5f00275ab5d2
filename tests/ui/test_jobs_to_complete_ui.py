"""Imported job postings on the real window: the desk's "Por completar" list and completing one
from it with the staff form; a member's job page and slip saying "$300 a $350 por día", "Pago
por acordar" and "Pregunta en el centro" where the posting did not say."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.data.models import JobCategory
from kiosk.i18n import _, centre_today
from kiosk.services.jobs import JobDraft
from kiosk.services.jobs_jsonld import import_jobs
from kiosk.ui.main_window import MainWindow
from tests.pdfs import pdf_text
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    make_window,
    open_jobs,
    page,
    tap,
    tile,
)

FILES = Path(__file__).parents[1] / "services" / "jobposting"
PRINT_WAIT_MS = 60_000


def _posting(name: str, **changes: Any) -> dict[str, Any]:
    """A fixture posting, its dates moved to around today so it is offered whenever the test
    runs."""
    node = json.loads((FILES / name).read_text(encoding="utf-8"))
    today = centre_today()
    node["datePosted"] = (today - timedelta(days=2)).isoformat()
    if "validThrough" in node:
        node["validThrough"] = (today + timedelta(days=20)).isoformat() + "T23:59:00-06:00"
    node.update(changes)
    return node


def _feed(window: MainWindow) -> None:
    """Three postings as the centre receives them: a Google-style range with no phone, a
    plain "1800" with no unit nor closing day, one with no pay at all."""
    no_pay = _posting(
        "google_range_no_phone.json",
        identifier={"@type": "PropertyValue", "name": "Restaurante La Casona", "value": "LC-7"},
        title="Cocinera",
        datePosted=(centre_today() - timedelta(days=3)).isoformat(),
    )
    del no_pay["baseSalary"]
    document = {
        "@context": "https://schema.org",
        "@graph": [
            _posting("google_range_no_phone.json"),
            _posting("plain_salary_no_unit.json"),
            no_pay,
        ],
    }
    report = import_jobs(window.members._factory, document)
    assert (report.added, report.to_complete) == (3, 3)


def test_the_desk_lists_what_to_complete_and_the_form_completes_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    _feed(window)
    as_staff(window)
    window.open("staff_desk")
    counter = desk_tile(qtbot, window, "desk_jobs_to_complete")
    assert counter.text() == "Por completar: 3"
    tap(qtbot, counter)
    assert page(window) == "staff_jobs_to_complete"
    listed = window.pages["staff_jobs_to_complete"]
    words = [tile(window, f"staff_jobs_to_complete_{i}").text() for i in range(3)]
    assert words == [
        "Ayudante de cocina\nFalta: teléfono",
        "Vendedora de mostrador\nFalta: último día, localidad, cada cuándo se paga",
        "Cocinera\nFalta: teléfono, pago",
    ]
    assert not tile(window, "staff_jobs_to_complete_0").isHidden()
    assert listed.findChild(QWidget, "staff_jobs_to_complete_3").isHidden()

    # The first one opens the staff form on it; staff keep what it has and add the phone.
    kitchen_id = listed.jobs[0].id
    tap(qtbot, tile(window, "staff_jobs_to_complete_0"))
    assert page(window) == "staff_job_title"
    tap(qtbot, window.pages["staff_job_title"].keyboard.submit_button)
    tap(qtbot, tile(window, "staff_job_kind_0"))  # Cocina
    assert window.pages["staff_job_pay"].keypad.text() == "300"
    tap(qtbot, window.pages["staff_job_pay"].keypad.submit_button)
    tap(qtbot, tile(window, "staff_job_unit_1"))  # per day
    for name in ("staff_job_employer", "staff_job_locality"):
        tap(qtbot, window.pages[name].keyboard.submit_button)
    assert window.pages["staff_job_phone"].keypad.text() == ""
    enter_digits(qtbot, window.pages["staff_job_phone"].keypad, "6145550160")
    tap(qtbot, window.pages["staff_job_openings"].keypad.submit_button)
    tap(qtbot, tile(window, "staff_job_flag_fits_school_hours"))
    tap(qtbot, tile(window, "staff_job_flags_next"))
    tap(qtbot, window.pages["staff_job_last_day"].keypad.submit_button)
    assert page(window) == "staff_job_review"
    assert "$300 a $350 por día" in window.pages["staff_job_review"].summary.text()
    tap(qtbot, tile(window, "staff_job_save"))
    assert page(window) == "staff_job"

    done = window.job_desk.service.staff_get(kitchen_id)
    assert (done.to_complete, done.missing, done.contact_phone) == (False, (), "6145550160")
    assert (done.pay_amount, done.pay_max) == (300, 350)  # the range is kept
    assert done.fits_school_hours
    assert "Falta" not in window.pages["staff_job"].details.text()

    window.open("staff_desk")
    assert desk_tile(qtbot, window, "desk_jobs_to_complete").text() == "Por completar: 2"
    tap(qtbot, desk_tile(qtbot, window, "desk_jobs_to_complete"))
    assert [job.title for job in window.pages["staff_jobs_to_complete"].jobs] == [
        "Vendedora de mostrador",
        "Cocinera",
    ]


def _open_kitchen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_jobs(qtbot, window)
    kitchen = next(
        t
        for t in window.pages["jobs"].tiles
        if t.isVisible() and t.icon_name == f"job.{JobCategory.KITCHEN.value}"
    )
    tap(qtbot, kitchen)
    assert page(window) == "jobs_list"


def test_a_member_sees_the_range_and_where_to_ask(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf")
    _feed(window)
    _open_kitchen(qtbot, window)
    assert [card.title for card in window.pages["jobs_list"].cards] == [
        "Ayudante de cocina",
        "Cocinera",
    ]
    assert "$300 a $350 por día" in tile(window, "jobs_list_0").text()
    assert "Pago por acordar" in tile(window, "jobs_list_1").text()

    tap(qtbot, tile(window, "jobs_list_0"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "job_print"))  # "Imprimir"
    assert page(window) == "job_detail"
    assert window.findChild(QWidget, "job_pay").text() == "$300 a $350 por día"
    assert window.findChild(QWidget, "job_phone").text() == "Pregunta en el centro"
    (pdf,) = (tmp_path / "data" / "slips").glob("*.pdf")
    flat = pdf_text(pdf)
    assert "$300 a $350 por día" in flat
    assert f"Pregunta en el centro {window.settings.centre_name}" in flat

    window.go_home()
    _open_kitchen(qtbot, window)
    tap(qtbot, tile(window, "jobs_list_1"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "job_print"))  # "Imprimir"
    assert window.findChild(QWidget, "job_pay").text() == "Pago por acordar"
    slips = sorted((tmp_path / "data" / "slips").glob("*.pdf"), key=lambda p: p.stat().st_mtime)
    assert "Pago por acordar" in pdf_text(slips[-1])
    assert _("Ask at the centre") in pdf_text(slips[-1])


def test_a_pay_without_unit_says_it_is_to_be_agreed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf")
    _feed(window)
    open_jobs(qtbot, window)
    sales = next(
        t
        for t in window.pages["jobs"].tiles
        if t.isVisible() and t.icon_name == f"job.{JobCategory.SALES.value}"
    )
    tap(qtbot, sales)
    tap(qtbot, tile(window, "jobs_list_0"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "job_print"))  # "Imprimir"
    assert window.findChild(QWidget, "job_pay").text() == "$1,800 por acordar"
    assert window.findChild(QWidget, "job_phone").text() == "614 410 2233"


def test_with_the_setting_off_members_see_it_only_once_completed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, jobs_show_incomplete=False)
    _feed(window)
    open_jobs(qtbot, window)
    kitchen = next(t for t in window.pages["jobs"].tiles if t.icon_name == "job.cocina")
    assert kitchen.text() == "Cocina 0"

    # Staff complete the range one (a phone): it is offered.
    service = window.job_desk.service
    job = service.to_complete_list().cards[0]
    assert job.title == "Ayudante de cocina"
    service.save(
        JobDraft(
            title=job.title,
            category=job.category,
            employer=job.employer,
            pay_amount=job.pay_amount,
            pay_max=job.pay_max,
            pay_unit=job.pay_unit,
            locality=job.locality,
            contact_phone="6145550160",
            valid_through=job.valid_through,
        ),
        job.id,
    )
    window.go_home()
    open_jobs(qtbot, window)
    assert kitchen.text() == "Cocina 1"


def test_a_long_web_address_wraps_inside_the_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf")
    address = "https://empleos.example.com.mx/vacantes/postular?id=ayudante-de-cocina-turno-matutino-2026-118"
    node = _posting(
        "google_range_no_phone.json",
        applicationContact={"@type": "ContactPoint", "url": address},
    )
    import_jobs(window.members._factory, node)
    _open_kitchen(qtbot, window)
    tap(qtbot, tile(window, "jobs_list_0"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "job_print"))  # "Imprimir"
    label = window.findChild(QWidget, "job_phone")
    assert label.text() == address
    # At the smallest screen the kiosk supports, the page still fits: the address wraps.
    window.resize(1024, 768)
    QApplication.processEvents()
    assert (window.width(), window.height()) == (1024, 768)
    assert label.mapTo(window, label.rect().topRight()).x() < 1024
    assert address in window.pages["job_detail"].everything()
