"""Explain each medical word in brackets the first time it appears on a page.

The words and their plain words are the ``jargon:`` list of ``data/plain_language.yml``, the
same list the plain-language check uses (no second glossary). ``hooks/jargon_brackets.py``
runs :func:`explain_first_uses` on every page's content after Markdown: the first use of each
term in running text becomes "quadruped (on your hands and knees)".

Left alone: headings (a card's heading gets the bracket after its link), links (the
bracket follows the link: "Quadruped Rockbacks (quadruped: on your hands and knees)"),
buttons, labels, captions, code, scripts, pictures, printable sheets (their page limits are
counted; a sheet explains its words in its own way), and a use that explains itself: its
sentence holds the plain words, or it stands in brackets or is followed by one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import escape

_PIECE = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
SKIP_ELEMENTS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "button",
    "label",
    "figcaption",
    "code",
    "pre",
    "script",
    "style",
    "svg",
    "title",
    "select",
    "option",
    "textarea",
    "summary",
    "template",
}
SKIP_CLASSES = {"handout-sheet", "print-sheet", "disclaimer"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _term_pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<![\w-])({words})(?![\w-])", re.IGNORECASE)


def explain_first_uses(html: str, jargon: Mapping[str, str]) -> str:
    """html with the first use of each term in running text followed by its plain words in brackets."""
    if not jargon:
        return html
    # Longest terms first, so "hip flexor" is explained before a shorter term inside it could be.
    pending = {term: _term_pattern(term) for term in sorted(jargon, key=len, reverse=True)}
    stack: list[tuple[str, bool]] = []
    out: list[str] = []
    after_link: list[str] = []  # brackets for terms first used in a link's text, put after the link
    for piece in _PIECE.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            if piece.startswith(("<!", "<?")):
                continue
            name_match = _TAG_NAME.match(piece)
            if not name_match:
                continue
            name = name_match.group(1).lower()
            if piece.startswith("</"):
                while stack:
                    if stack.pop()[0] == name:
                        break
                if name == "a" and after_link and _may_explain_after(stack):
                    out.append(" (" + "; ".join(after_link) + ")")
                    after_link.clear()
            elif name not in VOID and not piece.rstrip(">").endswith("/"):
                classes = _CLASS.search(piece)
                class_names = set((classes.group(1) or classes.group(2) or "").split()) if classes else set()
                inherited = bool(stack and stack[-1][1])
                stack.append((name, inherited or name in SKIP_ELEMENTS or bool(class_names & SKIP_CLASSES)))
            continue
        if not pending:
            out.append(piece)
            continue
        if stack and stack[-1][1]:
            # A link's words stay as they are: its first medical word is explained just after it
            # (a drill's name, "Quadruped Rockbacks (quadruped: on your hands and knees)").
            if stack[-1][0] == "a" and _may_explain_after(stack[:-1]):
                after_link.extend(_terms_in_link(piece, jargon, pending))
            out.append(piece)
            continue
        out.append(_explain(piece, jargon, pending))
    return "".join(out)


def _may_explain_after(parents: list[tuple[str, bool]]) -> bool:
    """Whether a link inside these elements may be followed by a bracket: in running text, or in a
    card's heading (h3 to h6: a drill's name in a list), never in a page's or section's title."""
    if not parents or not parents[-1][1]:
        return True
    outer_skipped = len(parents) > 1 and parents[-2][1]
    return parents[-1][0] in {"h3", "h4", "h5", "h6"} and not outer_skipped


def _terms_in_link(text: str, jargon: Mapping[str, str], pending: dict[str, re.Pattern[str]]) -> list[str]:
    found = []
    for term in list(pending):
        match = pending[term].search(text)
        if match:
            del pending[term]
            found.append(f"{escape(match.group(1).lower())}: {escape(jargon[term])}")
    return found


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ".!?")
    rights = [i for i in (text.find(mark, end) for mark in ".!?") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def _explain(text: str, jargon: Mapping[str, str], pending: dict[str, re.Pattern[str]]) -> str:
    for term in list(pending):
        match = pending[term].search(text)
        if not match:
            continue
        del pending[term]  # only the first use on the page counts, explained or not
        plain = jargon[term]
        after = text[match.end() :].lstrip()
        before = text[: match.start()].rstrip()
        in_brackets = before.endswith("(")  # "less room for the nerves (stenosis)": it explains itself
        sentence = _sentence_around(text, *match.span()).lower()
        if in_brackets or after.startswith("(") or plain.lower() in sentence:
            continue
        text = f"{text[: match.end()]} ({escape(plain)}){text[match.end() :]}"
    return text


def terms_used(texts: list[str], jargon: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The medical words of jargon that texts use, each once with its plain words, in the order they
    first come (a printed sheet lists them once, instead of brackets in its drills' names)."""
    patterns = {term: _term_pattern(term) for term in sorted(jargon, key=len, reverse=True)}
    found: list[tuple[int, int, str]] = []  # (text, place in it, term)
    for index, text in enumerate(texts):
        taken: list[tuple[int, int]] = []  # "hip flexor" holds no other term
        for term, pattern in patterns.items():
            for match in pattern.finditer(text):
                if any(start <= match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                found.append((index, match.start(), term))
                break
    first: dict[str, tuple[int, int]] = {}
    for index, place, term in found:
        first.setdefault(term, (index, place))
        first[term] = min(first[term], (index, place))
    return tuple((term, jargon[term]) for term in sorted(first, key=first.__getitem__))
