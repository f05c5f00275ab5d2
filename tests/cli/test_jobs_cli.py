"""`kiosk import-jobs PATH` and `kiosk export-jobs PATH` as staff use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.i18n import _
from tests.cli.conftest import Run, assert_one_sentence, table_rows


def _posting(identifier: str, title: str, pay: float = 350) -> dict:
    return {
        "@type": "JobPosting",
        "identifier": identifier,
        "title": title,
        "datePosted": "2026-03-01",
        "validThrough": "2026-12-31",
        "hiringOrganization": {"@type": "Organization", "name": "Tortillería (prueba)"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Aldama"}},
        "baseSalary": {"currency": "MXN", "value": {"value": pay, "unitText": "DAY"}},
        "applicationContact": {"telephone": "6145550111"},
    }


def test_export_then_import_into_another_kiosk(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path
) -> None:
    assert kiosk_cmd("demo").returncode == 0
    out = tmp_path / "empleos.jsonld"
    result = kiosk_cmd("export-jobs", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Lonchería La Güera" in text  # UTF-8 as it is, not \u escapes
    assert text.startswith('{\n  "@context": "https://schema.org",\n')  # indented
    graph = json.loads(text)["@graph"]
    open_rows = [row for row in table_rows(isolated_env, "job_postings") if row["status"] == "open"]
    assert len(graph) == len(open_rows)
    assert (
        _("Job postings written to {path}: {count}").format(count=len(graph), path=out)
        in result.stdout
    )

    everything = tmp_path / "todas.jsonld"
    assert kiosk_cmd("export-jobs", "--include-closed", str(everything)).returncode == 0
    assert len(json.loads(everything.read_text(encoding="utf-8"))["@graph"]) == len(
        table_rows(isolated_env, "job_postings")
    )

    other = tmp_path / "otro-quiosco"
    imported = kiosk_cmd("import-jobs", str(everything), env={"KIOSK_DATA_DIR": str(other)})
    assert imported.returncode == 0, imported.stderr
    count = len(table_rows(isolated_env, "job_postings"))
    assert imported.stdout.splitlines() == [_summary(count, count, count, 0, 0, 0)]
    assert len(table_rows(other, "job_postings")) == count

    again = kiosk_cmd("import-jobs", str(everything), env={"KIOSK_DATA_DIR": str(other)})
    assert again.stdout.splitlines() == [_summary(count, count, 0, count, 0, 0)]
    assert len(table_rows(other, "job_postings")) == count


def _summary(
    imported: int, total: int, added: int, updated: int, to_complete: int, skipped: int
) -> str:
    return _(
        "Imported {imported} of {total}: {added} new, {updated} updated, "
        "{to_complete} to complete, {skipped} skipped."
    ).format(
        imported=imported,
        total=total,
        added=added,
        updated=updated,
        to_complete=to_complete,
        skipped=skipped,
    )


def test_import_reports_each_refused_entry_and_a_summary(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path
) -> None:
    path = tmp_path / "vacantes.json"
    no_employer = _posting("SNE-2", "Sin patrón")
    del no_employer["hiringOrganization"]
    no_pay = _posting("SNE-4", "Costurera")
    del no_pay["baseSalary"]
    entries = [
        _posting("SNE-1", "Tortillera"),
        no_employer,
        {"@type": "JobPosting", "identifier": "SNE-3"},
        no_pay,
    ]
    path.write_text(json.dumps(entries), encoding="utf-8")
    result = kiosk_cmd("import-jobs", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        _("Entry {index} ({title}) was skipped: {reason}").format(
            index=2, title="Sin patrón", reason=_("It has no employer (hiringOrganization name).")
        ),
        _("Entry {index} was skipped: {reason}").format(
            index=3, reason=_("It has no title and no employer.")
        ),
        _summary(2, 4, 2, 0, 1, 2),
    ]
    rows = table_rows(isolated_env, "job_postings")
    assert [(row["title"], row["to_complete"]) for row in rows] == [
        ("Tortillera", 0),
        ("Costurera", 1),
    ]


def test_nothing_imported_exits_non_zero(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path
) -> None:
    path = tmp_path / "sin-patron.json"
    lonely = _posting("SNE-9", "Cajera")
    lonely["hiringOrganization"] = {"@type": "Organization", "name": ""}
    path.write_text(json.dumps({"@graph": [lonely]}), encoding="utf-8")
    result = kiosk_cmd("import-jobs", str(path))
    assert result.returncode != 0
    assert result.stdout.splitlines() == [
        _("Entry {index} ({title}) was skipped: {reason}").format(
            index=1, title="Cajera", reason=_("It has no employer (hiringOrganization name).")
        ),
        _summary(0, 1, 0, 0, 0, 1),
    ]
    assert result.stderr.strip() == "kiosk: " + _(
        "No job posting was imported; the lines above say why."
    )
    assert table_rows(isolated_env, "job_postings") == []


@pytest.mark.parametrize(
    "content",
    [b"{ no es JSON", b'{"@graph": [{"@type": "Organization"}]}', b"\xff\xfe\x00"],
    ids=["not json", "no postings", "not utf-8"],
)
def test_a_malformed_file_is_one_sentence_and_changes_nothing(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "roto.json"
    path.write_bytes(content)
    assert not (isolated_env / "kiosk.sqlite3").exists()
    assert_one_sentence(kiosk_cmd("import-jobs", str(path)))
    assert not (isolated_env / "kiosk.sqlite3").exists()  # the database was not even opened

    good = tmp_path / "bueno.json"
    good.write_text(json.dumps(_posting("SNE-1", "Tortillera")), encoding="utf-8")
    assert kiosk_cmd("import-jobs", str(good)).returncode == 0
    before = table_rows(isolated_env, "job_postings")
    assert_one_sentence(kiosk_cmd("import-jobs", str(path)))
    assert table_rows(isolated_env, "job_postings") == before


def test_import_of_a_missing_file(kiosk_cmd: Run, tmp_path: Path) -> None:
    missing = tmp_path / "no-hay.json"
    err = assert_one_sentence(kiosk_cmd("import-jobs", str(missing)))
    assert err == "kiosk: " + _("The file {path} does not exist.").format(path=missing)
    err = assert_one_sentence(kiosk_cmd("import-jobs", str(tmp_path)))
    assert err == "kiosk: " + _("The file {path} could not be read.").format(path=tmp_path)


def test_export_never_overwrites(kiosk_cmd: Run, tmp_path: Path) -> None:
    taken = tmp_path / "empleos.jsonld"
    taken.write_text("lo que había", encoding="utf-8")
    err = assert_one_sentence(kiosk_cmd("export-jobs", str(taken)))
    assert err == "kiosk: " + _(
        "{path} already exists; choose a new name so nothing is overwritten."
    ).format(path=taken)
    assert taken.read_text(encoding="utf-8") == "lo que había"

    nowhere = tmp_path / "no-hay" / "empleos.jsonld"
    err = assert_one_sentence(kiosk_cmd("export-jobs", str(nowhere)))
    assert err == "kiosk: " + _("The folder {path} does not exist.").format(path=nowhere.parent)
    assert not nowhere.parent.exists()


def test_both_commands_have_help(kiosk_cmd: Run) -> None:
    assert "import-jobs" in kiosk_cmd("--help").stdout
    for command in ("import-jobs", "export-jobs"):
        result = kiosk_cmd(command, "--help")
        assert result.returncode == 0
        assert "PATH" in result.stdout or "path" in result.stdout
    assert "--include-closed" in kiosk_cmd("export-jobs", "--help").stdout
    assert_one_sentence(kiosk_cmd("export-jobs"))
