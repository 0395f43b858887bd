"""The content model: the one place that reads and validates a clinic's ``data/``."""

from .errors import ContentError, ContentErrors, format_errors
from .loader import DATA_FILES, Content, DataFile, UnknownIdError, load, load_project
from .models import HOLD, CallToAction, Clinic, Dose, Drill, Program, Review, RootCause
from .translations import LANGUAGES, Translation, TranslationReview, UntranslatedError

__all__ = [
    "DATA_FILES",
    "HOLD",
    "LANGUAGES",
    "CallToAction",
    "Clinic",
    "Content",
    "ContentError",
    "ContentErrors",
    "DataFile",
    "Dose",
    "Drill",
    "Program",
    "Review",
    "RootCause",
    "Translation",
    "TranslationReview",
    "UnknownIdError",
    "UntranslatedError",
    "format_errors",
    "load",
    "load_project",
]
