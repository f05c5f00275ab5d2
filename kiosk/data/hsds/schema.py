"""The HSDS 3.0 JSON schema: the standard's files, their ``$ref``s resolved, a validator per
object kind."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

from kiosk.data.hsds.base import MAX_PROBLEMS, HsdsError
from kiosk.i18n import _

SCHEMA_BASE = "https://openreferral.org/hsds/3.0/schema/"
# The standard's schema files, unchanged, with their licence (scripts/extract_hsds_schema.py).
SHIPPED_SCHEMA = Path(__file__).resolve().parent.parent / "hsds_schema"

# --- the schema -------------------------------------------------------------------------------


class Schemas:
    """The HSDS 3.0 JSON schema files of one folder (``service.json``, ``phone.json``...), their
    relative ``$ref``s resolved through a ``referencing`` registry."""

    def __init__(self, directory: Path | None = None) -> None:
        # The copy shipped in the package unless another folder is given.
        self.directory = Path(directory) if directory is not None else SHIPPED_SCHEMA
        if not (self.directory / "service.json").is_file():
            raise HsdsError(
                _(
                    "The HSDS schema was not found in {path}; set hsds_schema_dir to the folder "
                    "that holds service.json."
                ).format(path=self.directory)
            )
        self.contents: dict[str, dict[str, Any]] = {}
        self._validators: dict[tuple[str, bool], Any] = {}
        self._quick: dict[tuple[str, bool], Any] = {}
        self._rs_registry: Any = None
        for path in sorted(self.directory.glob("*.json")):
            try:
                content = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise HsdsError(
                    _("The HSDS schema file {path} could not be read.").format(path=path)
                ) from exc
            if isinstance(content, dict) and content.get("type") == "object":
                self.contents[path.stem] = content

    @cached_property
    def registry(self) -> Any:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (SCHEMA_BASE + f"{name}.json", Resource.from_contents(c, DRAFT202012))
            for name, c in self.contents.items()
        )

    def validator(self, name: str, *, tabular: bool = False) -> Any:
        # Built once per object kind, not again for every entry or row.
        key = (name, tabular)
        if key not in self._validators:
            self._validators[key] = self._new_validator(name, tabular)
        return self._validators[key]

    def _schema(self, name: str, tabular: bool) -> dict[str, Any]:
        schema: dict[str, Any] = {"$ref": SCHEMA_BASE + f"{name}.json"}
        if tabular:
            extra = self.contents[name].get("tabular_required") or []
            if extra:
                schema = {"allOf": [schema, {"required": list(extra)}]}
        return schema

    def _new_validator(self, name: str, tabular: bool) -> Any:
        from jsonschema import Draft202012Validator

        return Draft202012Validator(
            self._schema(name, tabular),
            registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def quick_check(self, name: str, *, tabular: bool = False) -> Any:
        """The same schema compiled by jsonschema-rs: it says whether an entry is valid a
        hundred times faster, and the entries it doubts are asked again of :meth:`validator`,
        whose words the kiosk shows. Built once per object kind."""
        key = (name, tabular)
        if key not in self._quick:
            import jsonschema_rs

            if self._rs_registry is None:
                self._rs_registry = jsonschema_rs.Registry(
                    [(SCHEMA_BASE + f"{n}.json", c) for n, c in self.contents.items()]
                )
            self._quick[key] = jsonschema_rs.Draft202012Validator(
                self._schema(name, tabular), registry=self._rs_registry, validate_formats=True
            )
        return self._quick[key]

    def problems(self, name: str, instance: Any, *, tabular: bool = False) -> list[str]:
        """Up to :data:`MAX_PROBLEMS` schema problems, each as ``where: what``."""
        if self.quick_check(name, tabular=tabular).is_valid(instance):
            return []
        found = []
        errors = sorted(
            self.validator(name, tabular=tabular).iter_errors(instance),
            key=lambda e: list(map(str, e.absolute_path)),
        )
        for error in errors[:MAX_PROBLEMS]:
            where = ".".join(str(p) for p in error.absolute_path) or name
            found.append(f"{where}: {error.message}")
        return found

    def table(self, name: str) -> str:
        return str(self.contents[name].get("path") or f"{name}s.csv")

    def columns(self, name: str) -> list[str]:
        """The object's plain (non-nested) fields, in the schema's order: its CSV columns."""
        props = self.contents[name].get("properties", {})
        return [
            key
            for key, prop in props.items()
            if "$ref" not in prop and prop.get("type") not in ("array", "object")
        ]

    def types(self, name: str) -> dict[str, str]:
        props = self.contents[name].get("properties", {})
        return {key: str(prop.get("type", "string")) for key, prop in props.items()}
