"""The words of the site's own interface, per language: headings, labels, buttons, day names.

The patient texts (drills, programs, the clinic's call to action) live in ``data/`` and
``data/es/``; the words around them (How much, When to stop, Print this handout, Mon Tue ...)
are here, one table per language with the same keys. Each build's templates get its language's
table as ``t`` (``{{ t["drill.how_much"] }}``, macros/render.py); Python reads the same table
(``Templates.strings``) for the few words it writes itself (page titles, the PDF title).

A key missing from a language is an error when the build starts (``strings_for``), so a page is
never half in one language; tests/test_strings.py checks that every language has every key.

To add a language: copy the "en" table under its code and translate each value. Keep ``{name}``
placeholders as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # Titles of generated pages and PDFs ({title}: the program's title).
        "title.large_print": "{title} (large print)",
        "title.printable": "{title}: printable handout",
        # Links to a page that exists only in English.
        "in_english": "in English",
        # The handout builder
        "builder.sheet_title": "Your home exercises",
        "builder.other_drills": "Other drills",
    },
    "es": {
        "title.large_print": "{title} (letra grande)",
        "title.printable": "{title}: hoja para imprimir",
        "in_english": "en inglés",
        "builder.sheet_title": "Sus ejercicios en casa",
        "builder.other_drills": "Otros ejercicios",
    },
}

# Each language's name in itself, for choosing a sheet's language.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}

# The days of the week as the trackers print them, Monday first.
DAYS: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "es": ("Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"),
}


class UiStrings(Mapping[str, object]):
    """One language's table: ``t["key"]``; ``t.days`` the day names; ``t.language`` its code."""

    def __init__(self, language: str) -> None:
        if language not in STRINGS:
            raise LookupError(
                f"the site's interface has no words in '{language}' yet: add a table for it to "
                f"macros/strings.py (languages there: {', '.join(STRINGS)})"
            )
        missing = sorted(set(STRINGS["en"]) - set(STRINGS[language]))
        if missing:
            raise LookupError(
                f"macros/strings.py: the '{language}' table lacks {', '.join(missing)}: translate them "
                "from the 'en' table"
            )
        self.language = language
        self.days = DAYS[language]
        self._table = MappingProxyType(STRINGS[language])

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def strings_for(language: str) -> UiStrings:
    return UiStrings(language)
