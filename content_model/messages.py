"""Turn pydantic's validation errors into sentences a clinic editor can act on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .yaml_source import Path_, Source


def describe(value: Any) -> str:
    """How a value looks to someone who wrote it in YAML."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a group of 'key: value' lines"
    if isinstance(value, list):
        return "a list of '- ' items"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def field_path(root: str, path: Path_) -> str:
    """``drills[2].level`` for the path (2, "level") in drills.yml."""
    out = root
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _known_fields(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    own = [name for name in model.__annotations__ if name in model.model_fields]
    inherited = [name for name in model.model_fields if name not in own]
    return ", ".join(own + inherited)


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``path`` (ints are list items)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        current = _inner_model(annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _sentence(error: dict[str, Any], model: type[BaseModel], path: Path_) -> str:
    kind = error["type"]
    got = describe(error.get("input"))
    ctx = error.get("ctx") or {}
    name = path[-1] if path else ""
    if kind == "missing":
        return f"is required: add a line '{name}: ...' to this entry"
    if kind == "extra_forbidden":
        owner = _model_at(model, path[:-1])
        known = _known_fields(owner)
        return f"'{name}' is not a field we know: check the spelling or delete it" + (
            f" (known fields: {known})" if known else ""
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected} (got {got})"
    if kind in ("string_type",):
        value = error.get("input")
        if isinstance(value, dict) and len(value) == 1:
            # "- Note: keep your back flat" reads as a key and a value, not as text.
            key, rest = next(iter(value.items()))
            if isinstance(rest, (str, int, float)):
                text = f"{key}: {rest}".replace('"', '\\"')
                return (
                    f"must be text, but the colon followed by a space makes YAML read it as 'key: value': "
                    f'put the whole text in double quotes: "{text}"'
                )
        return f"must be text (got {got})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number such as 10 (got {got})"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number such as 8 or 7.5 (got {got})"
    if kind == "greater_than":
        return f"must be a whole number above 0 (got {got})"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false (got {got})"
    if kind == "list_type":
        return f"must be a list, one '- ' item per line (got {got})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a group of 'key: value' lines (got {got})"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s) (got {ctx.get('actual_length')})"
    if kind == "too_long":
        return (
            f"can have at most {ctx.get('max_length')} items (got {ctx.get('actual_length')}): "
            "split or shorten the list"
        )
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"must be a date written YYYY-MM-DD, e.g. 2026-01-31 (got {got})"
    if kind == "value_error":
        message = str(ctx.get("error") or error.get("msg", ""))
        return message.removeprefix("Value error, ")
    return f"{error.get('msg', 'is not valid')} (got {got})"


def validation_errors(
    error: ValidationError, source: Source, root: str, model: type[BaseModel]
) -> list[ContentError]:
    """One ContentError per pydantic error, located in the YAML source."""
    found = []
    for item in error.errors(include_url=False):
        path: Path_ = tuple(p for p in item["loc"] if isinstance(p, (int, str)) and not _is_tag(p))
        line, column = source.where(path)
        found.append(
            ContentError(source.file, line, column, field_path(root, path), _sentence(item, model, path))
        )
    return found


def _is_tag(part: int | str) -> bool:
    """pydantic puts validator names like 'function-after[...]' in locations."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
