"""Libraries the site serves as published (overrides/assets/javascripts/vendor/): each file is the
npm package's own, byte for byte, at the exact version package.json and package-lock.json hold, with
the package's licence beside it and a line naming package and version in the folder's README. The
site builds without Node.js; `npm ci` (make test, CI) brings node_modules/ to compare with."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

VENDOR = ROOT / "overrides" / "assets" / "javascripts" / "vendor"
# Each served copy: (package, its file in the package)
VENDORED = {
    "lean-qr/index.js": ("lean-qr", "index.js"),
    "lean-qr/LICENSE": ("lean-qr", "LICENSE"),
}


def locked_version(package: str) -> str:
    """The version package-lock.json holds, which must be the exact one package.json asks for."""
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][package]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"][f"node_modules/{package}"]["version"]
    assert wanted == locked, f"package.json asks for {package} {wanted}, the lock has {locked}: pin it"
    return locked


@pytest.mark.parametrize("served", sorted(VENDORED))
def test_a_vendored_file_is_its_packages_own_at_the_locked_version(served: str) -> None:
    package, file = VENDORED[served]
    version = locked_version(package)
    installed = ROOT / "node_modules" / package
    found = json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"]
    assert found == version, f"node_modules has {package} {found}, the lock {version}: run npm ci"
    assert (VENDOR / served).read_bytes() == (installed / file).read_bytes(), (
        f"{served} differs from node_modules/{package}/{file} ({package} {version}): copy it again, unchanged"
    )
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"**{package} {version}**" in readme, f"vendor/README.md does not name {package} {version}"
    assert (VENDOR / served).with_name("LICENSE").is_file(), f"no licence beside {served}"


def test_every_file_in_the_vendor_folder_is_checked() -> None:
    served = {path.relative_to(VENDOR).as_posix() for path in VENDOR.rglob("*") if path.is_file()}
    assert served - {"README.md"} == set(VENDORED)
