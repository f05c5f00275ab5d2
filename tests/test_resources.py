"""The pictograms: every name is a committed SVG that renders, and no other SVG ships."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk import resources
from kiosk.resources import ICONS_DIR, UnknownIcon, icon_names, icon_path
from kiosk.ui import icons

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "extract_icons.py"
NAMES = sorted(icon_names())


def opaque_fraction(image: QImage) -> float:
    """Share of pixels that are not fully transparent (ARGB32: alpha is every 4th byte)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = bytes(image.constBits())
    alphas = data[3::4]
    return sum(1 for a in alphas if a) / len(alphas)


def render(path: Path, side: int = 96) -> QImage:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), f"{path.name} is not an SVG that Qt can draw"
    image = QImage(side, side, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


# --- the manifest and the files -------------------------------------------------------------


def test_manifest_is_not_empty_and_names_are_grouped_by_prefix() -> None:
    assert len(NAMES) >= 90
    for name in NAMES:
        assert name == name.strip().lower() and " " not in name, name
    prefixes = {name.split(".")[0] for name in NAMES}
    assert {"area", "nav", "action", "job", "trade", "need", "doc", "pickup"} <= prefixes


@pytest.mark.parametrize("name", NAMES)
def test_every_name_is_an_svg_that_renders(qapp: object, name: str) -> None:
    path = icon_path(name)
    assert path.parent == ICONS_DIR
    assert path.is_file(), f"{name}: {path.name} is missing (run scripts/extract_icons.py)"
    assert path.read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    image = render(path)
    assert opaque_fraction(image) > 0.05, f"{name} draws (almost) nothing"
    colours = {image.pixel(x, y) for x in range(0, 96, 4) for y in range(0, 96, 4)}
    assert len(colours) > 2, f"{name} is not a coloured picture"


def test_unknown_name_raises_unknown_icon() -> None:
    with pytest.raises(UnknownIcon) as caught:
        icon_path("area.nonexistent")
    assert isinstance(caught.value, KeyError)


def test_no_svg_is_left_unreferenced() -> None:
    used = {icon_path(name).name for name in NAMES}
    on_disk = {p.name for p in ICONS_DIR.iterdir()}
    assert on_disk - used == {"manifest.json", "LICENSE.md"}, "files no name uses"
    assert used <= on_disk


def test_licence_names_mit_and_the_package_version() -> None:
    text = (ICONS_DIR / "LICENSE.md").read_text(encoding="utf-8")
    assert "MIT License" in text
    assert "Copyright (c) Microsoft Corporation" in text
    assert "Permission is hereby granted, free of charge" in text
    assert "@iconify-json/fluent-emoji-flat version " in text
    assert "scripts/extract_icons.py" in text


def test_pickup_pictures_are_twelve_different_pictures() -> None:
    pickup = [name for name in NAMES if name.startswith("pickup.")]
    assert len(pickup) == 12
    assert len({icon_path(name) for name in pickup}) == 12


def test_icon_names_is_read_once() -> None:
    assert resources.icon_names() == resources.icon_names()
    assert resources._manifest.cache_info().currsize == 1


# --- the Qt cache ---------------------------------------------------------------------------


@pytest.fixture
def fresh_cache() -> Iterator[icons.IconCache]:
    cache = icons.IconCache()
    icons.set_cache(cache)
    yield cache
    icons.clear_cache()


@pytest.mark.parametrize("size", [24, 96, 150])
def test_pixmap_has_the_requested_size(
    qapp: object, fresh_cache: icons.IconCache, size: int
) -> None:
    pix = icons.pixmap("area.jobs", size)
    assert pix.deviceIndependentSize().toSize() == QSize(size, size)
    assert opaque_fraction(pix.toImage()) > 0.05


def test_pixmap_is_sharp_on_a_high_density_screen(
    qapp: object, fresh_cache: icons.IconCache
) -> None:
    pix = icons.pixmap("nav.home", 64, ratio=2.0)
    assert pix.size() == QSize(128, 128)
    assert pix.deviceIndependentSize().toSize() == QSize(64, 64)


def test_pixmaps_are_cached_per_name_and_size(qapp: object, fresh_cache: icons.IconCache) -> None:
    first = icons.pixmap("action.yes", 96)
    assert icons.pixmap("action.yes", 96).cacheKey() == first.cacheKey()
    assert icons.pixmap("action.yes", 48).cacheKey() != first.cacheKey()
    assert icons.pixmap("action.no", 96).cacheKey() != first.cacheKey()
    assert len(fresh_cache) == 3
    icons.clear_cache()
    assert icons.cache() is not fresh_cache
    assert icons.pixmap("action.yes", 96).cacheKey() != first.cacheKey()


def test_icon_draws_the_pictogram(qapp: object, fresh_cache: icons.IconCache) -> None:
    qicon = icons.icon("area.trade")
    assert not qicon.isNull()
    assert icons.icon("area.trade").cacheKey() == qicon.cacheKey()
    assert opaque_fraction(qicon.pixmap(96, 96).toImage()) > 0.05


def test_unknown_name_in_qt_side(qapp: object, fresh_cache: icons.IconCache) -> None:
    with pytest.raises(UnknownIcon):
        icons.pixmap("nav.nowhere", 96)
    with pytest.raises(UnknownIcon):
        icons.icon("nav.nowhere")
    with pytest.raises(ValueError):
        icons.pixmap("nav.home", 0)


# --- the extraction script ------------------------------------------------------------------


@pytest.fixture
def extractor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_icons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A tiny stand-in for the npm package folder: an icon, an alias of it, metadata."""
    folder = tmp_path / "package"
    folder.mkdir()
    icon_set = {
        "prefix": "fluent-emoji-flat",
        "width": 32,
        "height": 32,
        "icons": {
            "square": {"body": '<path fill="#f00" d="M4 4h20v24H4z"/>'},
            "tall": {"body": '<path fill="#00f" d="M0 0h16v40H0z"/>', "width": 16, "height": 40},
        },
        "aliases": {
            "square-flipped": {"parent": "square", "hFlip": True},
            "square-turned": {"parent": "square-flipped", "rotate": 1},
        },
    }
    (folder / "icons.json").write_text(json.dumps(icon_set), encoding="utf-8")
    (folder / "package.json").write_text(
        json.dumps({"name": "@iconify-json/fluent-emoji-flat", "version": "9.8.7"}),
        encoding="utf-8",
    )
    info = {
        "name": "Fluent Emoji Flat",
        "author": {"name": "Microsoft Corporation", "url": "https://example.org/a"},
        "license": {"title": "MIT", "spdx": "MIT", "url": "https://example.org/l"},
    }
    (folder / "info.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


def write_manifest(folder: Path, mapping: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "manifest.json"
    path.write_text(json.dumps(mapping), encoding="utf-8")
    return path


def test_script_writes_only_used_svgs_with_aliases_resolved(
    qapp: object, extractor: ModuleType, package: Path, tmp_path: Path
) -> None:
    out = tmp_path / "icons"
    manifest = write_manifest(
        out, {"a.one": "square", "a.two": "square-turned", "a.three": "tall", "a.four": "tall"}
    )
    (out / "stale.svg").write_text("<svg/>", encoding="utf-8")
    code = extractor.main([str(package / "icons.json"), "--manifest", str(manifest)])
    assert code == 0
    assert {p.name for p in out.glob("*.svg")} == {"square.svg", "square-turned.svg", "tall.svg"}
    square = (out / "square.svg").read_text(encoding="utf-8")
    assert square == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        '<path fill="#f00" d="M4 4h20v24H4z"/></svg>\n'
    )
    assert 'viewBox="0 0 16 40"' in (out / "tall.svg").read_text(encoding="utf-8")
    turned = (out / "square-turned.svg").read_text(encoding="utf-8")
    assert "rotate(90 16 16)" in turned and "scale(-1 1)" in turned
    for name in ("square", "square-turned", "tall"):
        assert opaque_fraction(render(out / f"{name}.svg")) > 0.05
    licence = (out / "LICENSE.md").read_text(encoding="utf-8")
    assert "version 9.8.7" in licence and "Copyright (c) Microsoft Corporation." in licence


def test_script_refuses_unknown_names(
    extractor: ModuleType, package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "icons"
    manifest = write_manifest(out, {"a.one": "square", "a.two": "flag-atlantis"})
    code = extractor.main([str(package / "icons.json"), "--manifest", str(manifest)])
    assert code != 0
    err = capsys.readouterr().err.strip()
    assert "flag-atlantis" in err and "square" not in err.split(":")[-1]
    assert err.count("\n") == 0 and "Traceback" not in err
    assert not list(out.glob("*.svg"))


def test_script_refuses_a_set_that_is_not_mit(
    extractor: ModuleType, package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    info = json.loads((package / "info.json").read_text(encoding="utf-8"))
    info["license"] = {"spdx": "CC-BY-NC-4.0"}
    (package / "info.json").write_text(json.dumps(info), encoding="utf-8")
    manifest = write_manifest(tmp_path / "icons", {"a.one": "square"})
    assert extractor.main([str(package / "icons.json"), "--manifest", str(manifest)]) != 0
    assert "not MIT" in capsys.readouterr().err
    assert not list((tmp_path / "icons").glob("*.svg"))


def test_script_draws_a_pair_from_two_icons_of_the_set(
    qapp: object, extractor: ModuleType, package: Path, tmp_path: Path
) -> None:
    """Entrada and Salida: a picture made of two of the set's icons, each in its place."""
    out = tmp_path / "icons"
    manifest = write_manifest(out, {"a.in": "kiosk-pair", "a.one": "square"})
    pair = (("square", 8, 0), ("square-flipped", -8, 0))
    written = extractor.extract(
        package / "icons.json", manifest, out, composites={"kiosk-pair": pair}
    )
    assert sorted(written) == ["kiosk-pair.svg", "square.svg"]
    svg = (out / "kiosk-pair.svg").read_text(encoding="utf-8")
    assert svg.count("<g transform=") >= 2 and 'viewBox="0 0 32 32"' in svg
    assert "translate(8 0)" in svg and "translate(-8 0)" in svg
    assert opaque_fraction(render(out / "kiosk-pair.svg")) > opaque_fraction(
        render(out / "square.svg")
    )
    assert "kiosk-*.svg" in (out / "LICENSE.md").read_text(encoding="utf-8")


def test_script_refuses_a_pair_with_an_icon_the_set_lacks(
    extractor: ModuleType, package: Path, tmp_path: Path
) -> None:
    manifest = write_manifest(tmp_path / "icons", {"a.in": "kiosk-pair"})
    with pytest.raises(extractor.Failure, match="flag-atlantis"):
        extractor.extract(
            package / "icons.json",
            manifest,
            tmp_path / "icons",
            composites={"kiosk-pair": (("square", 0, 0), ("flag-atlantis", 0, 0))},
        )
    assert not list((tmp_path / "icons").glob("*.svg"))
