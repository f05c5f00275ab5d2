"""`kiosk import-hsds PATH` and `kiosk export-hsds PATH` as staff use them, with the Open
Referral examples, on a fresh install (the schema shipped with the kiosk, no setting changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.i18n import _
from tests.cli.conftest import Run, assert_one_sentence, table_rows
from tests.conftest import hsds_example_names


@pytest.fixture
def schema_env() -> dict[str, str]:
    """No setting: a fresh install (the settings file of the isolated kiosk sets none)."""
    return {}


def left_out_line(stdout: str) -> str:
    """The one line that lists what the kiosk did not keep."""
    prefix = _("Left out: {parts}").format(parts="")
    (line,) = [line for line in stdout.splitlines() if line.startswith(prefix)]
    return line


def test_import_both_example_forms_then_again(
    kiosk_cmd: Run, isolated_env: Path, hsds_data: Path, schema_env: dict[str, str]
) -> None:
    examples = hsds_data / "examples"
    result = kiosk_cmd("import-hsds", str(examples / "service_full.json"), env=schema_env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        _("Programs added: {count}").format(count=1),
        _("Programs updated: {count}").format(count=0),
        _("Organizations added: {added}, updated: {updated}").format(added=1, updated=0),
    ]
    # Nothing refused; what is not kept is one line, each kind with its count.
    not_imported = _("Not imported, {what}: {reason}").split("{")[0]
    assert not [line for line in lines if line.startswith(not_imported)]
    left_out = left_out_line(result.stdout)
    assert "funding (1)" in left_out and "metadata (1)" in left_out and "programs (1)" in left_out
    assert "contacts" not in left_out and "languages" not in left_out
    assert len(lines) == 4
    (row,) = table_rows(isolated_env, "services")
    assert "Ann Persona" in row["contacts"] and '"code": "ur"' in row["languages"]
    package = kiosk_cmd("import-hsds", str(examples / "csv"), env=schema_env)
    assert package.returncode == 0, package.stderr
    assert _("Programs updated: {count}").format(count=1) in package.stdout
    assert "datapackage.json" in package.stdout
    assert "organization_identifiers (1)" in left_out_line(package.stdout)
    assert [row["name"] for row in table_rows(isolated_env, "services")] == [
        "Community Counselling"
    ]


def test_export_both_forms_and_import_them_elsewhere(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path, schema_env: dict[str, str]
) -> None:
    assert kiosk_cmd("demo").returncode == 0
    count = len(table_rows(isolated_env, "services"))
    as_json = tmp_path / "programas.json"
    result = kiosk_cmd("export-hsds", str(as_json), env=schema_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == _("Programs written to {path}: {count}").format(
        path=as_json, count=count
    )
    text = as_json.read_text(encoding="utf-8")
    assert "Asesoría jurídica para mujeres" in text  # UTF-8 as it is
    assert len(json.loads(text)["contents"]) == count

    folder = tmp_path / "paquete"
    result = kiosk_cmd("export-hsds", str(folder), env=schema_env)
    assert result.returncode == 0, result.stderr
    assert (folder / "datapackage.json").is_file() and (folder / "services.csv").is_file()

    for source, name in ((as_json, "otro"), (folder / "datapackage.json", "tercero")):
        other = tmp_path / name
        imported = kiosk_cmd(
            "import-hsds", str(source), env={**schema_env, "KIOSK_DATA_DIR": str(other)}
        )
        assert imported.returncode == 0, imported.stderr
        assert _("Programs added: {count}").format(count=count) in imported.stdout
        assert len(table_rows(other, "services")) == count


@pytest.mark.parametrize(
    "content",
    [b"{ no es JSON", b'{"contents": [{"id": "x", "name": "Roto", "status": "open"}]}'],
    ids=["not json", "breaks the schema"],
)
def test_a_bad_file_is_one_sentence_and_changes_nothing(
    kiosk_cmd: Run,
    isolated_env: Path,
    tmp_path: Path,
    hsds_data: Path,
    schema_env: dict[str, str],
    content: bytes,
) -> None:
    path = tmp_path / "roto.json"
    path.write_bytes(content)
    assert_one_sentence(kiosk_cmd("import-hsds", str(path), env=schema_env))
    assert not (isolated_env / "kiosk.sqlite3").exists()  # the database was not even opened
    good = hsds_data / "examples" / "service_full.json"
    assert kiosk_cmd("import-hsds", str(good), env=schema_env).returncode == 0
    before = table_rows(isolated_env, "services")
    assert_one_sentence(kiosk_cmd("import-hsds", str(path), env=schema_env))
    assert table_rows(isolated_env, "services") == before


@pytest.mark.parametrize("written", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_an_age_that_is_not_a_number_is_one_sentence_naming_it(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path, hsds_data: Path, written: str
) -> None:
    service = json.loads((hsds_data / "examples" / "service_full.json").read_text("utf-8"))
    service["minimum_age"] = "@@"
    path = tmp_path / "edad.json"
    path.write_text(json.dumps(service).replace('"@@"', written), encoding="utf-8")
    err = assert_one_sentence(kiosk_cmd("import-hsds", str(path)))
    assert "«Community Counselling»" in err and "minimum_age" in err
    assert not (isolated_env / "kiosk.sqlite3").exists()


def test_an_other_schema_folder_can_be_set(
    kiosk_cmd: Run, isolated_env: Path, tmp_path: Path, hsds_data: Path
) -> None:
    examples = hsds_data / "examples"
    env = {"KIOSK_HSDS_SCHEMA_DIR": str(hsds_data / "schema")}
    assert kiosk_cmd("import-hsds", str(examples / "csv"), env=env).returncode == 0
    elsewhere = {"KIOSK_HSDS_SCHEMA_DIR": str(tmp_path / "no-esta")}
    err = assert_one_sentence(kiosk_cmd("import-hsds", str(examples / "csv"), env=elsewhere))
    assert str(tmp_path / "no-esta") in err


def test_missing_files_and_schema_are_one_sentence(
    kiosk_cmd: Run, tmp_path: Path, schema_env: dict[str, str]
) -> None:
    missing = tmp_path / "no-hay.json"
    err = assert_one_sentence(kiosk_cmd("import-hsds", str(missing), env=schema_env))
    assert err == "kiosk: " + _("The file {path} does not exist.").format(path=missing)
    empty = tmp_path / "vacia"
    empty.mkdir()
    err = assert_one_sentence(kiosk_cmd("import-hsds", str(empty), env=schema_env))
    assert "services.csv" in err
    nowhere = tmp_path / "sin-esquema"
    err = assert_one_sentence(
        kiosk_cmd("export-hsds", str(tmp_path / "x.json"), "--schema", str(nowhere))
    )
    assert str(nowhere) in err
    assert not (tmp_path / "x.json").exists()


def test_export_never_overwrites(
    kiosk_cmd: Run, tmp_path: Path, schema_env: dict[str, str]
) -> None:
    taken = tmp_path / "programas.json"
    taken.write_text("lo que había", encoding="utf-8")
    err = assert_one_sentence(kiosk_cmd("export-hsds", str(taken), env=schema_env))
    assert err == "kiosk: " + _(
        "{path} already exists; choose a new name so nothing is overwritten."
    ).format(path=taken)
    assert taken.read_text(encoding="utf-8") == "lo que había"
    busy = tmp_path / "carpeta"
    busy.mkdir()
    (busy / "notas.txt").write_text("mías", encoding="utf-8")
    assert_one_sentence(kiosk_cmd("export-hsds", str(busy), env=schema_env))
    assert sorted(p.name for p in busy.iterdir()) == ["notas.txt"]


def test_both_commands_have_help(kiosk_cmd: Run) -> None:
    assert "import-hsds" in kiosk_cmd("--help").stdout
    for command in ("import-hsds", "export-hsds"):
        result = kiosk_cmd(command, "--help")
        assert result.returncode == 0
        assert "path" in result.stdout and "--schema" in result.stdout
    assert_one_sentence(kiosk_cmd("export-hsds"))


@pytest.mark.parametrize("example", hsds_example_names())
def test_every_official_example_imports_on_a_fresh_install(
    kiosk_cmd: Run, isolated_env: Path, hsds_data: Path, example: str
) -> None:
    result = kiosk_cmd("import-hsds", str(hsds_data / "examples" / example))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    not_imported = _("Not imported, {what}: {reason}").split("{")[0]
    assert not [line for line in lines if line.startswith(not_imported)]
    left_out = _("Left out: {parts}").format(parts="")
    assert len([line for line in lines if line.startswith(left_out)]) <= 1
