"""The typed content model: what each data file may contain.

Each class is one kind of content a clinic edits. Field checks that need only
the field itself live here (types, allowed values, slugs, phone numbers,
URLs, no HTML); checks across entries and files (unique ids, references,
cycles) live in :mod:`content_model.loader`.

Error messages raised here are read by clinic staff, not programmers: they
say what is wrong and what to write instead.
"""

# No `from __future__ import annotations` here: pydantic would evaluate every field's annotation
# from its text when each class is made, at every build's start (about 2 ms of the 14 this module
# takes to import). A method that returns its own class names it in quotes.
import datetime
import re
from functools import cached_property, lru_cache
from html.parser import HTMLParser
from typing import Annotated, Literal
from urllib.parse import urlsplit

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .code_points import text_problem
from .identity import brand_color_problem, logo_name_problem
from .messages import describe
from .poses import NEEDED_PROPS, PROPS_FOR, SUPPORTS, Adjustments, PoseProblem, solve

LEVELS = ("beginner", "intermediate", "advanced")
# The checks' patterns are compiled when first used (re keeps them): content a build takes from
# .cache/ (content_cache.py) is not checked again, and its start-up compiles none of them.
_TAG_START = r"<[A-Za-z/!?]"
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# The one placeholder a step may hold: how long to hold, filled in from the drill's dose
# (dose.hold_seconds, said by macros/dose.py in the page's language), so that the step that holds
# and the dose cannot disagree. Any other text in braces is refused.
HOLD = "{hold}"
_BRACES = r"\{[^{}]*\}|[{}]"


def step_placeholders(text: str) -> tuple[list[str], list[str]]:
    """The placeholders in a step: (those it may hold, the others: an error)."""
    found = re.findall(_BRACES, text)
    return [f for f in found if f == HOLD], [f for f in found if f != HOLD]


_EXTENSION = r"[0-9]{1,6}"
_PHONE_CHARACTER = r"[0-9+()\-. /\u00a0]"
# "ext. 2", "extension 2", "x2", "#2" at the end of a phone number
_WRITTEN_EXTENSION = r"(?i)(?:,|\s)*(?:\bext(?:ension)?\.?|x|#)\s*(?P<digits>[0-9]{1,6})\s*$"


class _TagFinder(HTMLParser):
    """Notices any tag, comment or declaration in a piece of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.found = self.found or f"<{tag}>"

    def handle_endtag(self, tag: str) -> None:
        self.found = self.found or f"</{tag}>"

    def handle_comment(self, data: str) -> None:
        self.found = self.found or "<!-- -->"

    def handle_decl(self, decl: str) -> None:
        self.found = self.found or f"<!{decl}>"


def _plain_text(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError("is empty: write the text, or remove the field if it is optional")
    if "<" not in text:
        return text  # no tag, comment or declaration can start without "<"
    finder = _TagFinder()
    finder.feed(text)
    finder.close()
    # An unfinished tag ("a </script b") is no tag to the parser but is markup all the same:
    # "<" straight before a letter, "/", "!" or "?" never belongs in patient text.
    unfinished = re.search(_TAG_START, text)
    if finder.found or unfinished:
        shown = finder.found or f"{unfinished.group(0)}..."
        raise ValueError(
            f"contains HTML ({shown}): write plain text only; "
            "the site adds all formatting itself (for 'less than', write the words)"
        )
    return text


def _slug(value: str) -> str:
    if not re.fullmatch(_SLUG, value):
        raise ValueError(
            "must be a lowercase id made of letters a-z, digits 0-9 and single hyphens, "
            f"like 'figure-4-stretch' (got {value!r})"
        )
    return value


def _https_url(value: str) -> str:
    if any(char.isspace() for char in value):
        raise ValueError(
            f"must be one web address without spaces or line breaks (got {value!r}): "
            "copy the address from the browser's address bar; a space inside it is written %20"
        )
    if "\\" in value:
        raise ValueError(
            f"must not contain a backslash (got {value!r}): web addresses use forward slashes, "
            "like https://example.org/videos/bridge"
        )
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(
            f"must be a web address starting with https:// (got {value!r}); "
            "http:, javascript: and data: addresses are not allowed"
        )
    if "@" in parts.netloc:
        raise ValueError(
            f"must not contain a user name or password before an @ (got {value!r}): "
            "link to a page anyone may open, like https://example.org/videos/bridge"
        )
    return value


def _email(value: str) -> str:
    # Imported here: most clinics give no email, and the import costs a build about 20 ms.
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError(
            f"is not a valid email address (got {value!r}): write it like name@example.org"
        ) from None


# WithJsonSchema only shapes the generated JSON Schemas (content_model/schema.py), so
# editors flag these mistakes as people type; the validators above stay the authority.
PlainText = Annotated[str, AfterValidator(_plain_text), WithJsonSchema({"type": "string", "pattern": r"\S"})]
Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": f"^{_SLUG}$"})]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
HttpsUrl = Annotated[
    str,
    AfterValidator(_https_url),
    WithJsonSchema({"type": "string", "pattern": r"^https://[^\s/?#@\\]+([/?#][^\s\\]*)?$"}),
]


# The few sentences a patient must remember ("Key points"): a program's, or the site's default.
KeyPoints = Annotated[list[PlainText], Field(min_length=1, max_length=4)]


# Dose numbers: whole numbers within what a home exercise program prescribes, with room to spare.
DOSE_RANGES = {
    # field: (lowest, highest, example)
    "sets": (1, 10, 3),  # home programs use 1 to 5 sets; 10 leaves room
    "reps": (1, 100, 10),  # 5 to 30 is usual; 100 allows ankle pumps and the like
    "hold_seconds": (1, 300, 30),  # stretches hold 15 to 60 s, planks up to 2 min; 5 min is the ceiling
    "per_day": (1, 12, 2),  # once to a few times a day; 12 allows "every hour while awake"
}


def _dose_number(name: str) -> object:
    low, high, example = DOSE_RANGES[name]

    def check(value: object) -> int:
        # Strict: true, 2.0 and '3' are not numbers a clinician wrote as a dose.
        if type(value) is not int or not low <= value <= high:
            digits = len(str(abs(value))) if type(value) is int else 0
            shown = f"a number {digits} digits long" if digits > 12 else describe(value)
            raise ValueError(
                f"must be a whole number from {low} to {high}, written as digits without quotes or a "
                f"decimal point, like '{name}: {example}' (got {shown})"
            )
        return value

    return Annotated[
        int, PlainValidator(check), WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})
    ]


def _refuse_invisible(value: object) -> None:
    """Raise for the first invisible or control character in any text within value."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                raise ValueError(problem)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend(item)


class Strict(BaseModel):
    """Base for every data model: unknown keys are errors, not silently dropped.

    Every field of every model, including fields added later, is checked for
    invisible and control characters (content_model/code_points.py) before its
    own checks run, so none can be tidied away unnoticed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_invisible_characters(cls, value: object) -> object:
        _refuse_invisible(value)
        return value


class Review(Strict):
    """Who checked a piece of clinical content, and when."""

    by: PlainText = Field(description='Name and credentials, e.g. "Jane Doe, PT, DPT".')
    on: datetime.date = Field(description="Date of the review, written YYYY-MM-DD.")


class Reviewable(Strict):
    reviewed: Review | None = Field(None, description="Who checked this content and when.")
    needs_review: PlainText | None = Field(
        None,
        description="What a clinician still has to check. Remove this line once `reviewed` is filled in.",
    )


class CallToAction(Strict):
    heading: PlainText = Field(description='Short heading, e.g. "Get help with back pain".')
    text: PlainText = Field(description="One or two sentences inviting the patient to call.")
    offer: PlainText | None = Field(None, description='e.g. "a free 20-minute back pain screen".')


class UrgentCare(Reviewable):
    """When to call the emergency number: the box on articles, drill pages and handouts."""

    emergency_number: str = Field(
        description='The emergency number of the clinic\'s country, in quotes, e.g. "911". '
        "Checked against country (content_model/identity.py).",
        json_schema_extra={"pattern": r"^[0-9]{2,4}$"},
    )

    @field_validator("emergency_number", mode="before")
    @classmethod
    def _digits(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError(
                f'must be written in quotes, so that a leading 0 is kept: emergency_number: "{value}"'
            )
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{2,4}", value.strip()):
            raise ValueError(
                f'must be the emergency number only, 2 to 4 digits in quotes, like emergency_number: "911" '
                f"(got {describe(value)})"
            )
        return value.strip()

    signs: list[PlainText] = Field(
        min_length=1,
        max_length=8,
        description='The warning signs, each finishing "Call 911 or go to the emergency room if you have:", '
        'e.g. "Loss of control of your bladder or bowels".',
    )


def _example_number(country: str) -> str:
    """An example number of the country, written the national way (for a message about a refused
    number: worked out only then)."""
    number = phonenumbers.example_number(country)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class Clinic(Strict):
    name: PlainText = Field(description="The clinic's name as patients know it.")
    # country comes before phone so that the phone check can use it.
    country: str = Field("US", description="ISO 3166 two-letter country code for the phone number.")
    phone: str = Field(
        description="The phone number only, in digits, in any common written form, e.g. (319) 555-0187.",
        json_schema_extra={"pattern": r"^[0-9+()\-. /\u00a0]+$"},
    )
    phone_extension: str | None = Field(
        None,
        description='An extension, digits only, in quotes: "2". '
        'Shown as "ext. 2" and dialled after the number.',
        json_schema_extra={"pattern": r"^[0-9]{1,6}$"},
    )
    email: Email | None = Field(None, description="Email address patients may write to.")
    region: PlainText | None = Field(None, description="Where the clinic works, e.g. Iowa.")
    website: HttpsUrl | None = Field(None, description="The clinic's own website (https).")
    address: list[PlainText] | None = Field(
        None,
        min_length=1,
        max_length=5,
        description="The street address, one line per item, as on a letter. Shown in every page's footer.",
    )
    hours: list[PlainText] | None = Field(
        None,
        min_length=1,
        max_length=7,
        description='Opening hours, one line per item, in quotes, e.g. "Monday to Friday: 7 am to 6 pm".',
    )
    booking_url: HttpsUrl | None = Field(
        None, description="The page where patients book a visit online (https only)."
    )
    logo: str | None = Field(
        None,
        description="The clinic's logo: an .svg or .png file in data/, e.g. logo.svg. "
        "Shown in the header and as the browser tab's icon. SVGs with scripts or links to other files "
        "are refused.",
        json_schema_extra={"pattern": r"^[A-Za-z0-9_.-]+\.(svg|png|SVG|PNG)$"},
    )
    brand_color: str | None = Field(
        None,
        description='The clinic\'s colour, in quotes, e.g. "#00695c": the header, buttons and links. '
        "It must have a contrast of 4.5:1 with white (WCAG AA); a lighter one is refused with the "
        "nearest shade that passes.",
        json_schema_extra={"pattern": r"^#[0-9a-fA-F]{6}$"},
    )
    key_points: KeyPoints | None = Field(
        None,
        description="The 'Key points' box for drills and programs that give none of their own: "
        "1 to 4 short sentences.",
    )
    urgent_care: UrgentCare | None = Field(
        None,
        description="When to call the emergency number: shown on articles, drill pages and handouts.",
    )
    call_to_action: CallToAction
    disclaimer: PlainText = Field(
        "This site gives general information. It is not a diagnosis, and it does not "
        "replace care from a clinician who has examined you.",
        description="The short medical disclaimer shown at the end of every page.",
    )
    sheet_message: PlainText | None = Field(
        None,
        description="The last words of every printed handout, for people who are already patients, "
        "e.g. 'Questions? Call your therapist at' and the clinic's phone number. Left out, the sheet says "
        "'Questions about your exercises? Call us at <phone>.' with the phone above. The web page's "
        "call to action (a free screen, say) is not printed.",
    )
    tracker_weeks: Literal[1, 2] = Field(
        1,
        description="How many weeks of boxes to tick each printed handout has under every drill: 1 or 2. "
        "Two take more room: the build stops with the handout and its page count if a PDF then goes "
        "over its page limit (3 pages, 6 in large print); then set 1 again, or make the program shorter.",
    )
    require_review: bool = Field(
        False,
        description="When true, `make check` fails while any drill or root cause "
        "is not reviewed or was reviewed more than 12 months ago.",
    )
    # Here, not in mkdocs.yml: whether the site is a real clinic's is part of the clinic's identity.
    demo: bool = Field(
        False,
        description="True only for a demonstration site: every page and printed sheet then says "
        "'Demo site: not a real clinic', and the deploy accepts the default name and addresses. "
        "Delete this line when the site is your clinic's.",
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"must be a two-letter country code such as US, CA or GB (got {value!r})")
        return code

    @field_validator("logo")
    @classmethod
    def _logo_file_name(cls, value: str | None) -> str | None:
        problem = logo_name_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("brand_color")
    @classmethod
    def _readable_brand_color(cls, value: str | None) -> str | None:
        if value is None:
            return value
        problem = brand_color_problem(value.strip())
        if problem:
            raise ValueError(problem)
        return value.strip().lower()

    @field_validator("phone")
    @classmethod
    def _valid_phone(cls, value: str, info: ValidationInfo) -> str:
        if "country" in info.data:  # an invalid country is reported on its own
            cls._parse_phone(value, info.data["country"])
        return value

    @field_validator("phone_extension", mode="before")
    @classmethod
    def _valid_extension(cls, value: object) -> object:
        if value is None:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError(
                f'must be written in quotes, so that a leading 0 is kept: phone_extension: "{value}"'
            )
        if not isinstance(value, str) or not re.fullmatch(_EXTENSION, value):
            raise ValueError(
                f'must be 1 to 6 digits only, in quotes, like phone_extension: "2" (got {describe(value)}); '
                "leave out words such as 'ext.'"
            )
        return value

    @staticmethod
    @lru_cache(maxsize=16)
    def _parse_phone(phone: str, country: str) -> phonenumbers.PhoneNumber:
        """The number, parsed once per process for its check and for every copy of the clinic that
        shows it (the English, each language's); never changed in place."""
        extension = re.search(_WRITTEN_EXTENSION, phone)
        if extension:
            raise ValueError(
                f"holds an extension ({extension.group(0).strip()!r}; got {phone!r}): write the number only, "
                f"like {_example_number(country)}, and put the extension on its own line: "
                f'phone_extension: "{extension.group("digits")}"'
            )
        if any(char.isalpha() for char in phone):
            raise ValueError(
                f"must be the number only, in digits (got {phone!r}): "
                f"write it like {_example_number(country)}. "
                "Words such as 'Call' belong in the call to action; for a number spelt with letters, "
                "write the digits the letters stand for on the keypad"
            )
        stray = next((char for char in phone if not re.fullmatch(_PHONE_CHARACTER, char)), None)
        if stray is not None:
            raise ValueError(
                f"contains {stray!r}, which is not part of a phone number (got {phone!r}): write digits, "
                f"spaces and + ( ) - . only, like {_example_number(country)}"
            )
        problem = (
            f"is not a valid phone number for {country} (got {phone!r}); "
            "write the whole number as patients dial it, with the area code"
        )
        try:
            number = phonenumbers.parse(phone, country)
        except phonenumbers.NumberParseException:
            raise ValueError(problem) from None
        if not phonenumbers.is_valid_number(number):
            raise ValueError(problem)
        return number

    @cached_property
    def _number(self) -> phonenumbers.PhoneNumber:
        return self._parse_phone(self.phone, self.country)

    @property
    def phone_display(self) -> str:
        """The number as patients write it, with its extension: (319) 555-0187 ext. 2.

        In the clinic's own country it is written the national way (three digits, three
        digits, four digits in North America); a number from another country is written
        in international form (+44 20 7946 0958), so patients know to dial the country code.
        """
        number = self._number
        extension = f" ext. {self.phone_extension}" if self.phone_extension else ""
        if number.country_code != phonenumbers.country_code_for_region(self.country):
            shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        elif number.country_code == 1:
            digits = phonenumbers.national_significant_number(number)
            shown = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        else:
            shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return shown + extension

    @property
    def phone_e164(self) -> str:
        """The number for ``tel:`` links: +18665880230."""
        return phonenumbers.format_number(self._number, phonenumbers.PhoneNumberFormat.E164)

    @property
    def phone_href(self) -> str:
        """The click-to-call link; an extension is dialled after the number (RFC 3966: ;ext=2)."""
        extension = f";ext={self.phone_extension}" if self.phone_extension else ""
        return f"tel:{self.phone_e164}{extension}"


class Dose(Strict):
    sets: _dose_number("sets") | None = None  # type: ignore[valid-type]
    reps: _dose_number("reps") | None = None  # type: ignore[valid-type]
    hold_seconds: _dose_number("hold_seconds") | None = None  # type: ignore[valid-type]
    per_day: _dose_number("per_day") | None = None  # type: ignore[valid-type]

    @property
    def is_empty(self) -> bool:
        return not any((self.sets, self.reps, self.hold_seconds, self.per_day))


class RootCause(Reviewable):
    id: Slug
    title: PlainText
    summary: PlainText = Field(description="One to three plain sentences.")
    drills: list[Slug] = Field(default_factory=list, description="Ids of drills that help.")


# Drill pictures: a figure drawn by the build from a pose (content_model/poses.py).
POSE_FIELDS = {
    # adjustment: (lowest, highest, the base positions it applies to, what it does)
    "hips_back": (
        0,
        1,
        ("hands_and_knees", "standing"),
        "hands_and_knees: 0 is the start, higher rocks the hips back toward the heels; "
        "standing: hinges at the hips, the hips back and the chest forward",
    ),
    "hips_side": (
        0,
        1,
        ("hands_and_knees",),
        "moves the hips sideways toward the far leg (1 is about a hand's length)",
    ),
    "forward": (
        0,
        1,
        ("half_kneel", "push_up", "standing"),
        "half_kneel and standing with near_leg step_back: shifts the body forward; "
        "push_up: steps the near foot up by the hand",
    ),
    "hips_sink": (0, 1, ("push_up",), "lowers the hips toward the floor"),
    "pull": (0, 1, ("lying_on_back",), "pulls the far thigh toward the chest, held by both hands"),
    "trunk_lean": (
        -45,
        90,
        ("half_kneel", "lying_on_back", "standing", "seated"),
        "degrees: half_kneel, standing and seated lean forward; lying_on_back lifts the shoulders",
    ),
    "arm_raise": (
        0,
        180,
        ("half_kneel", "standing"),
        "degrees the arms turn forward from hanging: 90 points them ahead, 180 overhead",
    ),
}
NEAR_LEGS = {
    "out_to_side": ("hands_and_knees",),
    "crossed_behind": ("hands_and_knees",),
    "over_knee": ("lying_on_back", "seated"),
    "step_back": ("standing",),
}
PROP_USES = {
    "mat": "a mat goes under a position on the floor",
    "counter": "a counter takes the hands of a standing figure",
    "wall": "a wall takes the hands of a standing figure",
    "chair": "a chair is sat on (seated), takes the hands of a standing figure on its back, or the hands "
    "of a kneeling figure (half_kneel) on its seat",
}


def _pose_number(name: str) -> object:
    low, high, _bases, meaning = POSE_FIELDS[name]
    return Annotated[
        float | None,
        Field(None, ge=low, le=high, strict=True, description=f"From {low} to {high}: {meaning}."),
    ]


class Pose(Strict):
    """A figure written as a base position plus a few named adjustments (content_model/poses.py)."""

    base: Literal["hands_and_knees", "half_kneel", "lying_on_back", "push_up", "standing", "seated"] = Field(
        description="The position the figure starts from."
    )
    view: Literal["side", "top", "above", "front", "behind", "three_quarter"] = Field(
        "side",
        description="Where the picture is seen from: side (best for moving forward and back), "
        "top (from above), above (from the side and well above: shins crossed on the floor and "
        "the arms that hold a figure up both show), front, behind (from behind, to one side "
        "and above: a leg out to the side), or three_quarter (from the side, turned a little "
        "toward the back, or the head end of a figure on its back, and a little above: a figure 4 "
        "on the back, its crossed leg a triangle on the other thigh).",
    )
    hips_back: _pose_number("hips_back")  # type: ignore[valid-type]
    hips_side: _pose_number("hips_side")  # type: ignore[valid-type]
    forward: _pose_number("forward")  # type: ignore[valid-type]
    hips_sink: _pose_number("hips_sink")  # type: ignore[valid-type]
    pull: _pose_number("pull")  # type: ignore[valid-type]
    trunk_lean: _pose_number("trunk_lean")  # type: ignore[valid-type]
    arm_raise: _pose_number("arm_raise")  # type: ignore[valid-type]
    near_leg: Literal["out_to_side", "crossed_behind", "over_knee", "step_back"] | None = Field(
        None, description="Where the near leg goes, if not in the base position."
    )
    props: list[Literal["mat", "wall", "chair", "counter"]] = Field(
        default_factory=list,
        max_length=2,
        description="What is drawn with the figure: mat (under a floor position), and for the "
        "hands of a standing figure one of counter, chair or wall; seated needs a chair; "
        "half_kneel may rest its hands on a chair's seat.",
    )

    @model_validator(mode="after")
    def _possible(self) -> "Pose":
        for name, (_low, _high, bases, _meaning) in POSE_FIELDS.items():
            if getattr(self, name) is not None and self.base not in bases:
                raise ValueError(
                    f"{name} does not apply to base {self.base}: "
                    f"it is for {' and '.join(bases)}; remove the line"
                )
        if self.near_leg is not None and self.base not in NEAR_LEGS[self.near_leg]:
            raise ValueError(
                f"near_leg: {self.near_leg} does not apply to base {self.base}: "
                f"it is for {' and '.join(NEAR_LEGS[self.near_leg])}; remove the line"
            )
        self._props_fit()
        if self.base == "half_kneel" and "chair" in self.props and self.arm_raise is not None:
            raise ValueError(
                "arm_raise does not apply to base half_kneel with a chair: the hands rest on the chair's "
                "seat; remove the line"
            )
        try:
            solve(self.adjustments())
        except PoseProblem as problem:
            changed = [n for n in (*POSE_FIELDS, "near_leg") if getattr(self, n) is not None]
            if self.view != "side":
                changed.append("view")
            hint = f"change {' or '.join(changed)}" if changed else "choose another base"
            raise ValueError(f"is a pose no body can take: {problem}; {hint}") from None
        return self

    def _props_fit(self) -> None:
        for prop in self.props:
            if self.props.count(prop) > 1:
                raise ValueError(f"props: {prop} is listed twice; list each prop once")
            if self.base not in PROPS_FOR[prop]:
                raise ValueError(
                    f"props: {prop} does not go with base {self.base}: {PROP_USES[prop]}; "
                    "remove it from props"
                )
        if len([p for p in self.props if p in SUPPORTS]) > 1 and self.base == "standing":
            raise ValueError(
                "props: a standing figure rests its hands on one thing: keep one of counter, chair or wall"
            )
        needed = NEEDED_PROPS.get(self.base)
        if needed is not None and needed not in self.props:
            raise ValueError(f"base {self.base} needs a {needed} to sit on: add props: [{needed}]")

    def adjustments(self) -> Adjustments:
        given = {n: float(getattr(self, n)) for n in POSE_FIELDS if getattr(self, n) is not None}
        return Adjustments(
            base=self.base, near_leg=self.near_leg, view=self.view, props=tuple(self.props), **given
        )


# The base positions done off the floor; every other base starts on the floor.
OFF_FLOOR_BASES = frozenset({"standing", "seated"})


# Alt texts that say nothing about the position: a word for "picture" alone, a file name, a
# bracketed placeholder, or a start that screen readers already say ("image of ...").
_PICTURE_WORDS = (
    r"images?|photos?|photographs?|pictures?|pics?|drawings?|figures?|illustrations?|graphics?|img"
)
_GENERIC_ALT = (
    rf"(?i)(?:an?\s+|the\s+)?(?:{_PICTURE_WORDS}|alt(?:\s+text)?|todo|tbd|placeholder|untitled|"
    r"start|end|exercise|drill|stretch)\W*"
)
_PICTURE_OF = rf"(?i)^(?:an?\s+|the\s+|this\s+)?(?:{_PICTURE_WORDS})\s+(?:of|showing|shows|that\s+shows)\b"
_FILE_NAME = r"(?i)\.(?:jpe?g|png|webp|svg|gif|heic|tiff?)\W*$|^(?:img|dsc|dcim|pxl)[_-]?\d"
_BRACKETED = r"[(\[<{].*[)\]>}]\W*"
ALT_EXAMPLE = "'On hands and knees, with the back flat'"


def _alt_text(value: str) -> str:
    if re.fullmatch(_GENERIC_ALT, value) or re.fullmatch(_BRACKETED, value):
        raise ValueError(
            f"{value!r} is a placeholder, not a description: write what the picture shows, "
            f"in plain words, like {ALT_EXAMPLE}"
        )
    if re.search(_FILE_NAME, value):
        raise ValueError(
            f"{value!r} is a file name, not a description: write what the picture shows, "
            f"in plain words, like {ALT_EXAMPLE}"
        )
    found = re.match(_PICTURE_OF, value)
    if found:
        raise ValueError(
            f"starts with {found.group(0)!r}: screen readers already say it is a picture, so start "
            f"with the position itself, like {ALT_EXAMPLE}"
        )
    return value


AltText = Annotated[
    str,
    AfterValidator(_plain_text),
    AfterValidator(_alt_text),
    WithJsonSchema({"type": "string", "pattern": r"\S"}),
]

# Pictures a clinic supplies: files in the top-level pictures/ folder, beside data/ and never in
# docs/ (MkDocs publishes everything in docs/ as it is, GPS tags and all). The files themselves
# are checked by content_model/picture_files.py.
PICTURES_FOLDER = "pictures"
PICTURE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP", ".svg": "SVG"}
ACCEPTED_FORMATS = "JPEG (.jpg), PNG (.png), WebP (.webp) or SVG (.svg)"
_PICTURE_FILE_EXAMPLE = "pictures/bridge-start.jpg"


def _picture_file(value: str) -> str:
    if "\\" in value:
        raise ValueError(f"must use forward slashes (got {value!r}): write it like {_PICTURE_FILE_EXAMPLE}")
    parts = value.split("/")
    if value.startswith("/") or re.match(r"[A-Za-z]:", value) or "://" in value:
        problem = "is not a path inside this project"
    elif any(part in ("", ".", "..") for part in parts):
        problem = "must not step out of its folder ('..', '.' or '//')"
    elif parts[0] == "docs":
        problem = (
            "is inside docs/, which MkDocs publishes as it is: a photo there would be on the site with "
            "its GPS tags and other hidden data"
        )
    elif parts[0] != PICTURES_FOLDER or len(parts) < 2:
        problem = f"is not in the {PICTURES_FOLDER}/ folder"
    else:
        extension = "." + parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
        if extension not in PICTURE_FORMATS:
            shown = f"a {extension} file" if extension else "a file without an extension"
            raise ValueError(
                f"{value!r} is {shown}, a format the site does not take: save it as {ACCEPTED_FORMATS}"
            )
        return value
    raise ValueError(
        f"{value!r} {problem}: put the picture in the {PICTURES_FOLDER}/ folder at the top of the "
        f"project (beside data/) and write its path from there, like {_PICTURE_FILE_EXAMPLE}"
    )


PictureFile = Annotated[
    str,
    AfterValidator(_picture_file),
    WithJsonSchema(
        {"type": "string", "pattern": r"^pictures/([^/\\.][^/\\]*/)*[^/\\.][^/\\]*\.(jpe?g|png|webp|svg)$"}
    ),
]


class Picture(Reviewable):
    """One frame of a drill's pictures, with its words, and one source: a figure the build draws
    from a pose, or a file the clinic supplies (a photo or a drawing)."""

    alt: AltText = Field(
        description="What the picture shows, in plain words, for people who cannot see it: "
        'say the position ("On hands and knees, back flat"), not "picture of".'
    )
    caption: PlainText | None = Field(None, description='Shown under the picture, e.g. "Start" or "End".')
    figure: Pose | None = Field(None, description="The figure, drawn by the build from a pose.")
    file: PictureFile | None = Field(
        None,
        description="Or a photo or drawing of your own, kept in the pictures/ folder at the top of the "
        "project, e.g. pictures/bridge-start.jpg: JPEG, PNG, WebP or SVG, at least 600 pixels on its "
        "long side. Give a picture either figure or file, not both.",
    )

    @model_validator(mode="after")
    def _one_source(self) -> "Picture":
        if self.figure is not None and self.file is not None:
            raise ValueError(
                "has both a figure and a file: keep one. To show your own photo instead of the drawn "
                "figure, delete the figure lines"
            )
        if self.figure is None and self.file is None:
            raise ValueError(
                "has no figure and no file: add a figure drawn from a pose (figure: {base: ...}) or "
                f"a file of your own (file: {_PICTURE_FILE_EXAMPLE})"
            )
        return self


class Drill(Reviewable):
    id: Slug = Field(description="The page lives at drills/<id>/.")
    name: PlainText
    summary: PlainText = Field(description="One or two sentences: what the drill does.")
    level: Literal["beginner", "intermediate", "advanced"]
    steps: list[PlainText] = Field(min_length=2, max_length=8, description="One action each.")
    position: PlainText | None = Field(None, description="Starting position in plain words.")
    targets: list[PlainText] = Field(default_factory=list, description="Body areas it works on.")
    tips: list[PlainText] = Field(default_factory=list)
    cautions: list[PlainText] = Field(default_factory=list, description="When to stop or hold back.")
    requires: list[Slug] = Field(default_factory=list, description="Drills to master first.")
    easier: list[Slug] = Field(
        default_factory=list,
        description="Easier versions of this drill: ids of other drills at the same level or lower. "
        "Each of them then shows this drill as its harder version (that is worked out, not written).",
    )
    each_side: bool = False
    dose: Dose | None = None
    video: HttpsUrl | None = None
    credit: PlainText | None = Field(None, description="Who created or demonstrates the drill.")
    pictures: list[Picture] = Field(
        default_factory=list,
        min_length=1,
        max_length=4,
        description="1 to 4 pictures, usually the start and the end.",
    )
    floor: bool | None = Field(
        None,
        description="true if the patient gets down on the floor for this drill, false if it is done "
        "standing or seated. Leave it out to let the pictures decide; a drill without pictures drawn "
        "from a pose counts as floor work.",
    )

    @field_validator("floor")
    @classmethod
    def _floor_matches_pictures(cls, floor: bool | None, info: ValidationInfo) -> bool | None:
        if floor is False:
            for number, picture in enumerate(info.data.get("pictures") or [], start=1):
                pose = getattr(picture, "figure", None)
                if pose is not None and pose.base not in OFF_FLOOR_BASES:
                    raise ValueError(
                        f"says the drill is done off the floor, but picture {number} shows it on the "
                        f"floor (base {pose.base}): write floor: true, or draw the picture standing or seated"
                    )
        return floor

    @field_validator("steps")
    @classmethod
    def _known_placeholders(cls, steps: list[str]) -> list[str]:
        for number, step in enumerate(steps, start=1):
            holds, others = step_placeholders(step)
            if others:
                raise ValueError(
                    f"step {number} holds {others[0]!r}: the only text in braces a step may hold is "
                    f"{HOLD} (how long to hold, from the dose's hold_seconds). Write braces nowhere else"
                )
            if len(holds) > 1:
                raise ValueError(f"step {number} says {HOLD} {len(holds)} times: say it once")
        return steps

    @model_validator(mode="after")
    def _hold_in_its_step(self) -> "Drill":
        """The step that holds says how long, from the dose: one fact, written once."""
        hold = self.dose.hold_seconds if self.dose else None
        holding = [n for n, step in enumerate(self.steps, start=1) if HOLD in step]
        if hold and not holding:
            raise ValueError(
                f"the dose holds for {hold} seconds (hold_seconds), but no step says how long: write "
                f"{HOLD} in the step that holds, e.g. 'Hold the stretch for {HOLD}.' (the page fills in "
                f"'{hold} seconds' from the dose)"
            )
        if holding and not hold:
            raise ValueError(
                f"step {holding[0]} says {HOLD}, but the dose has no hold_seconds: add hold_seconds to "
                f"the dose (e.g. dose: {{hold_seconds: 30}}), or write the step without {HOLD}"
            )
        if len(holding) > 1:
            raise ValueError(
                f"steps {holding[0]} and {holding[1]} both say {HOLD}: say how long to hold in one step only"
            )
        return self

    @property
    def needs_floor(self) -> bool:
        """Whether the patient gets down on the floor: as written, or else from the pictures."""
        if self.floor is not None:
            return self.floor
        bases = [p.figure.base for p in self.pictures if getattr(p, "figure", None) is not None]
        return not bases or any(base not in OFF_FLOOR_BASES for base in bases)


class Program(Strict):
    id: Slug
    title: PlainText
    summary: PlainText
    drills: list[Slug] = Field(min_length=1, description="Drill ids in the order patients do them.")
    key_points: KeyPoints | None = Field(
        None,
        description="1 to 4 short sentences a patient must remember, shown in a 'Key points' box on the "
        "article, the drill pages and the handout. Without them, key_points of clinic.yml apply.",
    )


# The plain-language settings: data/plain_language.yml (optional; these defaults apply
# without it). The checks that use them are the plain_language package (`make readability`);
# CONTRIBUTING.md ("Writing for patients") explains each one to editors.

# Phrases that tell a patient to do something without saying how much.
# They are fine when the same sentence gives a number ("as directed: 10 times").
VAGUE_PHRASES = (
    "as directed",
    "as instructed",
    "as prescribed",
    "as needed",
    "as tolerated",
    "as able",
    "as much as you can",
    "as often as you can",
    "a few times",
    "several times",
    "regularly",
)


class Thresholds(Strict):
    """How hard patient texts may be to read, as US school grades (Flesch-Kincaid)."""

    warn_from_grade: float = Field(
        8, gt=0, strict=True, description="A field or page at this grade or above gets a warning."
    )
    field_max_grade: float = Field(
        10,
        gt=0,
        strict=True,
        description="A data field (a summary, the steps of a drill...) above this grade fails.",
    )
    page_max_grade: float = Field(
        8, gt=0, strict=True, description="The prose of a Markdown page above this grade fails."
    )
    sentence_max_words: int = Field(
        25, gt=0, strict=True, description="No sentence may have more words than this."
    )
    list_max_items: int = Field(8, gt=0, strict=True, description="No list may have more items than this.")
    # Spanish texts (data/es/, pages in Spanish): Fernandez-Huerta reading ease, 0 to 100,
    # higher is easier (70 to 80 is "bastante facil", 60 to 70 "normal"). Grades are not used.
    es_warn_below_score: float = Field(
        70,
        ge=0,
        le=100,
        strict=True,
        description="Spanish: a field or page with a reading ease below this gets a warning.",
    )
    es_field_min_score: float = Field(
        50,
        ge=0,
        le=100,
        strict=True,
        description="Spanish: a data field (a summary, the steps of a drill...) below this fails.",
    )
    es_page_min_score: float = Field(
        60, ge=0, le=100, strict=True, description="Spanish: the prose of a page below this fails."
    )
    es_site_min_average: float = Field(
        70,
        ge=0,
        le=100,
        strict=True,
        description="Spanish: the average reading ease of the Spanish pages below this fails.",
    )

    @model_validator(mode="after")
    def _warn_before_failing(self) -> "Thresholds":
        if self.warn_from_grade > min(self.field_max_grade, self.page_max_grade):
            raise ValueError(
                "warn_from_grade must not be above field_max_grade or page_max_grade: "
                "warnings come before failures"
            )
        if self.es_warn_below_score < max(self.es_field_min_score, self.es_page_min_score):
            raise ValueError(
                "es_warn_below_score must not be below es_field_min_score or es_page_min_score: "
                "warnings come before failures"
            )
        return self


class PlainLanguage(Strict):
    """Everything the plain-language checks can be told."""

    thresholds: Thresholds = Field(default_factory=Thresholds)
    jargon: dict[str, PlainText] = Field(
        default_factory=dict,
        description="term: plain words. The term may appear only in a sentence that also holds "
        "its plain words.",
    )
    vague_phrases: list[PlainText] = Field(
        default_factory=lambda: list(VAGUE_PHRASES),
        description="Phrases that need a number in the same sentence (e.g. 'as directed').",
    )
    step_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs that may start a step, added to the built-in list in "
        "plain_language/step_verbs.py.",
    )

    @field_validator("jargon")
    @classmethod
    def _terms_are_words(cls, value: dict[str, str]) -> dict[str, str]:
        cleaned: dict[str, str] = {}
        for term, plain in value.items():
            key = " ".join(term.lower().split())
            if not key:
                raise ValueError("has an empty term: write the word to explain before the colon")
            if key in plain.lower():
                raise ValueError(
                    f"the plain words for '{term}' contain the term itself: explain it in other words"
                )
            cleaned[key] = plain
        return cleaned

    @field_validator("vague_phrases")
    @classmethod
    def _lower_phrases(cls, value: list[str]) -> list[str]:
        return [" ".join(v.lower().split()) for v in value]

    @field_validator("step_verbs")
    @classmethod
    def _single_words(cls, value: list[str]) -> list[str]:
        words = [v.strip().lower() for v in value]
        for word in words:
            if not word.isalpha():
                raise ValueError(f"'{word}' is not one word: list verbs such as 'squat', one per line")
        return words
