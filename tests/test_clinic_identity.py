"""The clinic's identity fields in data/clinic.yml: each refusal names file, line and the fix.

logo (SVG or PNG; an unsafe SVG is refused), brand_color (WCAG AA with white, else the nearest
shade that passes), booking_url (https only), urgent_care (its emergency number must be one of
the clinic's country). The built site's use of them is tested in test_clinic_site.py.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

import content_model
from content_model import ContentError, ContentErrors
from content_model.identity import (
    AA_TEXT,
    EMERGENCY_NUMBERS,
    WHITE,
    contrast,
    light_variant,
    nearest_passing_shade,
)
from small_data import CLINIC, write_project

URGENT_CARE = """\
urgent_care:
  emergency_number: "{number}"
  signs:
    - Loss of control of your bladder or bowels
  needs_review: Check the list.
"""
# CLINIC has 7 lines; what a test appends starts on line 8.
NEXT_LINE = len(CLINIC.splitlines()) + 1


def load(tmp_path: Path, clinic: str, files: dict[str, bytes] | None = None) -> content_model.Content:
    data, _docs = write_project(tmp_path, clinic=clinic)
    for name, body in (files or {}).items():
        (data / name).write_bytes(body)
    return content_model.load(data, shown_dir="data")


def only(tmp_path: Path, clinic: str, files: dict[str, bytes] | None = None) -> ContentError:
    with pytest.raises(ContentErrors) as caught:
        load(tmp_path, clinic, files)
    found = caught.value.errors
    assert len(found) == 1, [e.plain() for e in found]
    assert found[0].file == "data/clinic.yml"
    return found[0]


def png(width: int, height: int) -> bytes:
    """A real, tiny PNG (one grey row repeated), written by hand."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


GOOD_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><path id="p" d="M0 0h5v5z"/>'
    b'</defs><use href="#p"/><circle cx="5" cy="5" r="4"/></svg>'
)


# --- The fields a clinic may leave out ---------------------------------------------------------


def test_identity_fields_are_optional_and_the_default_clinic_invents_none(tmp_path: Path) -> None:
    clinic = load(tmp_path, CLINIC).clinic
    assert (clinic.logo, clinic.brand_color, clinic.address, clinic.hours, clinic.booking_url) == (None,) * 5
    # The repository's own clinic is a demo: no made-up address, hours or email.
    default = content_model.load(Path(__file__).parents[1] / "data", shown_dir="data").clinic
    assert (default.address, default.hours, default.email, default.logo) == (None, None, None, None)
    assert default.urgent_care is not None and default.urgent_care.needs_review


def test_all_identity_fields_load(tmp_path: Path) -> None:
    clinic = load(
        tmp_path,
        CLINIC
        + 'logo: logo.svg\nbrand_color: "#1A4D8F"\naddress:\n  - 12 Main Street\n  - Springfield, IA 52240\n'
        + 'hours:\n  - "Monday to Friday: 7 am to 6 pm"\nbooking_url: https://book.example.org/\n'
        + URGENT_CARE.format(number="911"),
        {"logo.svg": GOOD_SVG},
    ).clinic
    assert clinic.brand_color == "#1a4d8f"
    assert clinic.address == ["12 Main Street", "Springfield, IA 52240"]
    assert clinic.hours == ["Monday to Friday: 7 am to 6 pm"]
    assert clinic.urgent_care.emergency_number == "911"


def test_a_png_logo_loads(tmp_path: Path) -> None:
    assert load(tmp_path, CLINIC + "logo: logo.png\n", {"logo.png": png(64, 32)}).clinic.logo == "logo.png"


# --- brand_color ---------------------------------------------------------------------------------


def test_a_brand_color_that_fails_contrast_is_refused_with_the_nearest_passing_shade(tmp_path: Path) -> None:
    error = only(tmp_path, CLINIC + 'brand_color: "#4fc3f7"\n')
    assert (error.line, error.field) == (NEXT_LINE, "clinic.brand_color")
    shade = nearest_passing_shade("#4fc3f7")
    assert "#4fc3f7 is too light" in error.message
    assert "2.0:1" in error.message and "4.5:1" in error.message
    assert f'write brand_color: "{shade}"' in error.message
    # The suggestion passes, and is the nearest: one step lighter in the same hue fails.
    assert contrast(shade, WHITE) >= AA_TEXT
    lighter = "#" + "".join(f"{min(255, int(shade[i : i + 2], 16) + 3):02x}" for i in (1, 3, 5))
    assert contrast(lighter, WHITE) < AA_TEXT
    # ...and the suggestion itself loads.
    assert load(tmp_path / "fixed", CLINIC + f'brand_color: "{shade}"\n').clinic.brand_color == shade


@pytest.mark.parametrize("value", ["teal", "#abc", "00695c", "#00695g"])
def test_a_brand_color_not_written_as_hex_is_refused(tmp_path: Path, value: str) -> None:
    error = only(tmp_path, CLINIC + f'brand_color: "{value}"\n')
    assert (error.line, error.field) == (NEXT_LINE, "clinic.brand_color")
    assert 'like "#00695c"' in error.message


def test_the_dark_scheme_shade_is_derived_and_readable() -> None:
    for brand in ("#00695c", "#1a4d8f", "#8e1b4a", "#000000"):
        assert contrast(light_variant(brand), "#1e2129") >= AA_TEXT


# --- booking_url -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://book.example.org/", "javascript:alert(1)", "book.example.org"])
def test_a_booking_url_must_be_https(tmp_path: Path, url: str) -> None:
    error = only(tmp_path, CLINIC + f"booking_url: {url}\n")
    assert (error.line, error.field) == (NEXT_LINE, "clinic.booking_url")
    assert "must be a web address starting with https://" in error.message


# --- logo ------------------------------------------------------------------------------------------

HOSTILE_SVGS = {
    "script": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    "event attribute": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload="),
    "foreignObject": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
        b"</foreignObject></svg>",
        "<foreignobject>",
    ),
    "external image": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>',
        "refers to something outside itself",
    ),
    "xlink to another file": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<use xlink:href="other.svg#a"/></svg>',
        "refers to something outside itself",
    ),
    "css url": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(https://x.example/a)}</style></svg>',
        "loads another file",
    ),
    "DTD": (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        "holds a DTD",
    ),
    "not XML": (b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "is not readable as XML"),
    "not SVG": (b"<html><body/></html>", "is not an SVG image"),
}


@pytest.mark.parametrize("case", HOSTILE_SVGS)
def test_an_unsafe_or_broken_svg_logo_is_refused(tmp_path: Path, case: str) -> None:
    body, says = HOSTILE_SVGS[case]
    error = only(tmp_path, CLINIC + "logo: logo.svg\n", {"logo.svg": body})
    assert (error.line, error.field) == (NEXT_LINE, "clinic.logo")
    assert error.message.startswith("data/logo.svg ")
    assert says in error.message


@pytest.mark.parametrize(
    ("name", "files", "says"),
    [
        ("missing.svg", {}, "there is no file data/missing.svg"),
        ("logo.gif", {"logo.gif": b"GIF89a"}, "must be an .svg or a .png file"),
        ("../logo.svg", {}, "must be a file name inside data/"),
        ("logo.png", {"logo.png": GOOD_SVG}, "is not a PNG image"),
        ("logo.png", {"logo.png": png(4000, 10)}, "is 4000 x 10 pixels"),
    ],
)
def test_a_logo_that_is_not_a_usable_image_is_refused(
    tmp_path: Path, name: str, files: dict[str, bytes], says: str
) -> None:
    error = only(tmp_path, CLINIC + f"logo: {name}\n", files)
    assert (error.line, error.field) == (NEXT_LINE, "clinic.logo")
    assert says in error.message


# --- urgent_care -------------------------------------------------------------------------------------


def test_the_emergency_number_must_be_one_of_the_clinics_country(tmp_path: Path) -> None:
    error = only(tmp_path, CLINIC + URGENT_CARE.format(number="999"))
    assert (error.line, error.field) == (NEXT_LINE + 1, "clinic.urgent_care.emergency_number")
    assert error.message == (
        "'999' is not an emergency number in US (country in this file): write emergency_number: \"911\""
    )


def test_the_emergency_number_follows_another_country(tmp_path: Path) -> None:
    british = CLINIC.replace("phone: 866-588-0230", "country: GB\nphone: 020 7946 0000")
    loaded = load(tmp_path, british + URGENT_CARE.format(number="999"))
    assert loaded.clinic.urgent_care.emergency_number == "999"
    error = only(tmp_path / "us", british + URGENT_CARE.format(number="911"))
    assert error.field == "clinic.urgent_care.emergency_number"
    assert 'write emergency_number: "999" (or 112)' in error.message


@pytest.mark.parametrize("value", ["911 or 112", "nine-one-one", "9", "12345"])
def test_an_emergency_number_must_be_digits_only(tmp_path: Path, value: str) -> None:
    error = only(tmp_path, CLINIC + URGENT_CARE.format(number=value))
    assert (error.line, error.field) == (NEXT_LINE + 1, "clinic.urgent_care.emergency_number")
    assert 'like emergency_number: "911"' in error.message


def test_a_country_without_a_known_emergency_number_is_refused(tmp_path: Path) -> None:
    japanese = CLINIC.replace("phone: 866-588-0230", "country: JP\nphone: 03-1234-5678")
    assert "JP" not in EMERGENCY_NUMBERS
    error = only(tmp_path, japanese + URGENT_CARE.format(number="119"))
    assert error.field == "clinic.urgent_care.emergency_number"
    assert "no emergency number on record for country JP" in error.message
    assert "EMERGENCY_NUMBERS in content_model/identity.py" in error.message


def test_the_urgent_care_box_is_reviewed_like_a_drill(tmp_path: Path) -> None:
    from content_model.review import review_problems

    content = load(tmp_path, CLINIC + URGENT_CARE.format(number="911"))
    found = [e for e in review_problems(content) if e.field == "clinic.urgent_care"]
    assert [(e.line, e.severity) for e in found] == [(NEXT_LINE, "warning")]
    assert 'not reviewed yet (still to check: "Check the list.")' in found[0].message
    reviewed = URGENT_CARE.format(number="911").replace(
        "  needs_review: Check the list.\n", '  reviewed: {by: "Jane Doe, PT, DPT", on: 2026-11-02}\n'
    )
    content = load(tmp_path / "reviewed", CLINIC + reviewed)
    today = __import__("datetime").date(2026, 12, 1)
    assert [e for e in review_problems(content, today) if e.field == "clinic.urgent_care"] == []
