"""Extract the kiosk's pictograms from the Iconify JSON of Fluent Emoji Flat.

Usage::

    cd /tmp && npm pack @iconify-json/fluent-emoji-flat
    tar xzf iconify-json-fluent-emoji-flat-*.tgz   # gives /tmp/package/
    python scripts/extract_icons.py /tmp/package/icons.json

Reads resources/icons/manifest.json (kiosk name -> Iconify icon name), writes one SVG per icon
used as resources/icons/<iconify-name>.svg, deletes SVGs no longer used (only files used are
committed) and writes resources/icons/LICENSE.md. A few pairs that one emoji cannot say are
drawn from two of the set's icons (COMPOSITES below) and named kiosk-<name> in the manifest.
The package's version and licence are read from the package.json and info.json next to
icons.json (or from the "info" block of icons.json).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
PACKAGE = "@iconify-json/fluent-emoji-flat"
MAX_ALIAS_DEPTH = 8

# Pictures made of the set's own icons, each shifted by (dx, dy) in its 32 x 32 box, the last
# drawn in front. Entrada and Salida of the childcare room: the same figure walking to a door,
# and walking away from it.
Part = tuple[str, float, float]
COMPOSITES: dict[str, tuple[Part, ...]] = {
    "kiosk-door-in": (("door", 8, 0), ("person-walking-facing-right-medium", -6, 0)),
    "kiosk-door-out": (("door", -8, 0), ("person-walking-facing-right-medium", 8, 0)),
}

# The MIT licence as Microsoft ships it with Fluent Emoji; the package's metadata only names it.
MIT_TEXT = """\
MIT License

Copyright (c) {holder}.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


class Failure(Exception):
    """A problem reported to the user as one sentence, without a traceback."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise Failure(f"The manifest names {', '.join(repeated)} more than once.")
    return dict(pairs)


def load_manifest(path: Path) -> dict[str, str]:
    """Kiosk name -> Iconify name, checked to be an object of strings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    except OSError as exc:
        raise Failure(f"Cannot read the manifest {path}: {exc.strerror}.") from exc
    except json.JSONDecodeError as exc:
        raise Failure(
            f"The manifest {path} is not valid JSON ({exc.msg}, line {exc.lineno})."
        ) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in data.items()
    ):
        raise Failure(f"The manifest {path} must be one object mapping names to icon names.")
    return data


def load_json(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Failure(f"Cannot read {what} {path}: {exc.strerror}.") from exc
    except json.JSONDecodeError as exc:
        raise Failure(f"{what.capitalize()} {path} is not valid JSON ({exc.msg}).") from exc
    if not isinstance(data, dict):
        raise Failure(f"{what.capitalize()} {path} is not a JSON object.")
    return data


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Iconify's rule: the child's properties win, flips toggle and rotations add up."""
    merged = {**parent, **{k: v for k, v in child.items() if k != "parent"}}
    merged["hFlip"] = bool(parent.get("hFlip")) != bool(child.get("hFlip"))
    merged["vFlip"] = bool(parent.get("vFlip")) != bool(child.get("vFlip"))
    merged["rotate"] = (int(parent.get("rotate", 0)) + int(child.get("rotate", 0))) % 4
    return merged


def resolve(icon_set: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The full properties of an icon or alias, or None if the set has no such name."""
    icons: dict[str, Any] = icon_set.get("icons", {})
    aliases: dict[str, Any] = icon_set.get("aliases", {})
    chain: list[dict[str, Any]] = []
    current = name
    while current not in icons:
        alias = aliases.get(current)
        if not isinstance(alias, dict) or "parent" not in alias or len(chain) >= MAX_ALIAS_DEPTH:
            return None
        chain.append(alias)
        current = alias["parent"]
    props = dict(icons[current])
    for alias in reversed(chain):  # from the alias nearest the icon out to the name asked for
        props = _merge(props, alias)
    return props


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def to_svg(icon_set: dict[str, Any], props: dict[str, Any]) -> str:
    """The standalone SVG of one resolved icon (Iconify's iconToSVG without customisations)."""
    view_box, body = _box_and_body(icon_set, props)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{body}</svg>\n'


def composite_svg(icon_set: dict[str, Any], parts: tuple[Part, ...]) -> str:
    """One 32 x 32 SVG of several icons of the set, each moved by its offset."""
    groups = []
    for name, dx, dy in parts:
        props = resolve(icon_set, name)
        if props is None:
            raise Failure(f"The composite picture needs {name}, which is not in {PACKAGE}.")
        view_box, body = _box_and_body(icon_set, props)
        if view_box != "0 0 32 32":
            raise Failure(f"{name} is not drawn in a 32 x 32 box; it cannot be combined.")
        groups.append(f'<g transform="translate({_num(dx)} {_num(dy)})">{body}</g>')
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">{"".join(groups)}</svg>\n'


def _box_and_body(icon_set: dict[str, Any], props: dict[str, Any]) -> tuple[str, str]:
    left = float(props.get("left", icon_set.get("left", 0)))
    top = float(props.get("top", icon_set.get("top", 0)))
    width = float(props.get("width", icon_set.get("width", 16)))
    height = float(props.get("height", icon_set.get("height", 16)))
    body: str = props["body"]
    transforms: list[str] = []
    rotate = int(props.get("rotate", 0)) % 4
    if props.get("hFlip"):
        if props.get("vFlip"):
            rotate = (rotate + 2) % 4
        else:
            transforms += [f"translate({_num(width + left)} {_num(-top)})", "scale(-1 1)"]
            left = top = 0
    elif props.get("vFlip"):
        transforms += [f"translate({_num(-left)} {_num(height + top)})", "scale(1 -1)"]
        left = top = 0
    if rotate == 1:
        c = height / 2 + top
        transforms.insert(0, f"rotate(90 {_num(c)} {_num(c)})")
    elif rotate == 2:
        transforms.insert(0, f"rotate(180 {_num(width / 2 + left)} {_num(height / 2 + top)})")
    elif rotate == 3:
        c = width / 2 + left
        transforms.insert(0, f"rotate(-90 {_num(c)} {_num(c)})")
    if rotate % 2:
        left, top, width, height = top, left, height, width
    if transforms:
        body = f'<g transform="{" ".join(transforms)}">{body}</g>'
    return " ".join(_num(v) for v in (left, top, width, height)), body


def package_info(icons_json: Path, icon_set: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The npm package's version and the set's info block (licence, author)."""
    package = load_json(icons_json.with_name("package.json"), "the package metadata")
    version = package.get("version")
    if not isinstance(version, str) or package.get("name") != PACKAGE:
        raise Failure(f"{icons_json.with_name('package.json')} is not the metadata of {PACKAGE}.")
    info = icon_set.get("info")
    if not isinstance(info, dict):
        info = load_json(icons_json.with_name("info.json"), "the icon set info")
    return version, info


def license_text(version: str, info: dict[str, Any]) -> str:
    licence = info.get("license", {})
    author = info.get("author", {})
    if licence.get("spdx") != "MIT":
        raise Failure(
            f"The icon set's licence is {licence.get('spdx')!r}, not MIT: check it first."
        )
    holder = author.get("name", "the authors")
    return (
        f"# Pictograms: {info.get('name', 'Fluent Emoji Flat')}\n\n"
        f"The SVG files in this folder are {info.get('name', 'Fluent Emoji Flat')} by {holder}\n"
        f"<{author.get('url', '')}>, used under the MIT licence below\n"
        f"<{licence.get('url', '')}>.\n\n"
        f"They were extracted with scripts/extract_icons.py from the npm package\n"
        f"{PACKAGE} version {version}; manifest.json maps the kiosk's names to them.\n"
        "The kiosk-*.svg files combine two of those icons (the script says which).\n\n"
        "```\n" + MIT_TEXT.format(holder=holder) + "```\n"
    )


def extract(
    icons_json: Path,
    manifest_path: Path,
    out_dir: Path,
    composites: dict[str, tuple[Part, ...]] | None = None,
) -> list[str]:
    """Write the SVGs the manifest uses and the licence; return the file names written."""
    composites = COMPOSITES if composites is None else composites
    manifest = load_manifest(manifest_path)
    icon_set = load_json(icons_json, "the icon set")
    version, info = package_info(icons_json, icon_set)
    wanted = sorted(set(manifest.values()) - set(composites))
    combined = {
        name: composite_svg(icon_set, composites[name])
        for name in composites
        if name in manifest.values()
    }
    resolved = {name: resolve(icon_set, name) for name in wanted}
    unknown = [name for name, props in resolved.items() if props is None]
    if unknown:
        raise Failure(
            f"These icon names in {manifest_path.name} are not in {PACKAGE} {version}: "
            f"{', '.join(unknown)}."
        )
    licence = license_text(version, info)  # refuse a set that is not MIT before writing
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, props in resolved.items():
        assert props is not None
        (out_dir / f"{name}.svg").write_text(to_svg(icon_set, props), encoding="utf-8")
        written.append(f"{name}.svg")
    for name, svg in combined.items():
        (out_dir / f"{name}.svg").write_text(svg, encoding="utf-8")
        written.append(f"{name}.svg")
    for old in out_dir.glob("*.svg"):  # only the files used are committed
        if old.name not in written:
            old.unlink()
    (out_dir / "LICENSE.md").write_text(licence, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("icons_json", type=Path, help=f"icons.json of the npm package {PACKAGE}")
    parser.add_argument("--manifest", type=Path, default=ICONS_DIR / "manifest.json")
    parser.add_argument("--out", type=Path, help="folder for the SVGs (default: the manifest's)")
    args = parser.parse_args(argv)
    out_dir = args.out or args.manifest.parent
    try:
        written = extract(args.icons_json, args.manifest, out_dir)
    except Failure as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} icons and LICENSE.md to {out_dir}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
