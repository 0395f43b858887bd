"""The theme's view of the clinic's identity: its colours, computed from one ``brand_color``.

``hooks/clinic_theme.py`` renders it into ``assets/stylesheets/clinic.css`` with
``templates/clinic_theme_css.html``. The brand colour itself was checked when the content was
loaded (4.5:1 with white, content_model/identity.py); the shades derived here are computed to
pass in the places they are used, so no second colour is ever typed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from content_model.identity import DEFAULT_BRAND_COLOR, dark_variant, light_variant
from content_model.models import Clinic


@dataclass(frozen=True)
class ThemeColors:
    brand: str  # header, buttons, links on white: 4.5:1 with white
    brand_dark: str  # hover and pressed states
    on_dark: str  # links and accents on the dark scheme's background: 4.5:1 with it
    logo: bool  # whether the clinic has a logo (without one, the theme's icon is hidden)


def theme_colors(clinic: Clinic) -> ThemeColors:
    brand = clinic.brand_color or DEFAULT_BRAND_COLOR
    return ThemeColors(
        brand=brand,
        brand_dark=dark_variant(brand),
        on_dark=light_variant(brand),
        logo=clinic.logo is not None,
    )
