"""Clarity checks on patient-facing text: what makes an instruction easy to follow.

Each check follows a rule from AHRQ's PEMAT and the CDC Clear Communication
Index, and reports every miss with the file and line to change:

* no sentence longer than ``sentence_max_words`` words (25);
* every step starts with a verb and holds one action;
* no list longer than ``list_max_items`` items (8);
* each term of the jargon list appears only with its plain words in the same sentence;
* no vague phrase such as "as directed" without a number in the same sentence.

The limits and word lists come from ``data/plain_language.yml``
(:class:`content_model.models.PlainLanguage`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import textstat

from content_model.errors import ContentError
from content_model.models import PlainLanguage

from .located_text import Group, Piece, collapse
from .step_verbs import ACTION_JOINERS, LEADING_WORDS, STEP_VERBS

# A sentence ends at . ! or ? (and any closing quote or bracket) before a space or the end.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s|$)")
# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "vs", "etc", "e.g", "i.e", "approx", "no"}
# A word for the step checks: letters with an optional apostrophe part (don't), or a number.
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?|\d+")
_CLAUSE_BREAK = set(",;:.!?")
# After the verb of a second action comes what it acts on or where it goes.
_ACTION_FOLLOWERS = set(
    """
    your the a an one both each it them that this these those up down forward forwards
    back backward backwards out in on off to toward towards into onto over under for with
    until there here again slowly gently around away apart together at from along through as
    """.split()
)
# Noun phrases that start with a word from the verb list.
_NOT_ACTIONS = {("lower", "back"), ("lower", "body")}
_NUMBER_WORDS = set(
    """
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty hundred once twice half
    """.split()
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence in a text."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].lower() if before else ""
        if match.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if text[start : match.end()].strip():
            found.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        found.append((start, len(text.rstrip())))
    return found


def sentence_words(sentence: str) -> int:
    """Words in a sentence, counted as textstat counts them."""
    return textstat.lexicon_count(sentence)


def _error(group: Group, piece: Piece, offset: int, message: str, severity: str = "error") -> ContentError:
    line, column = piece.position_at(offset)
    return ContentError(group.file, line, column, piece.field, message, severity)


def _quote(text: str, words: int = 8) -> str:
    parts = collapse(text).split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def long_sentences(group: Group, settings: PlainLanguage) -> Iterator[ContentError]:
    most = settings.thresholds.sentence_max_words
    for piece in group.pieces:
        for start, end in sentences(piece.text):
            count = sentence_words(piece.text[start:end])
            if count > most:
                yield _error(
                    group,
                    piece,
                    start,
                    f"this sentence has {count} words (the most is {most}): split it into shorter "
                    f"sentences. It starts: '{_quote(piece.text[start:end])}'",
                )


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower().replace("\u2019", "'"), m.start(), m.end()) for m in _WORD.finditer(text)]


def _skip_leading(tokens: list[tuple[str, int, int]], index: int) -> int:
    while index < len(tokens) and tokens[index][0] in LEADING_WORDS:
        index += 1
    return index


def _is_action(tokens: list[tuple[str, int, int]], index: int, verbs: frozenset[str], text: str) -> bool:
    """Is the word at ``index`` a verb that starts an action ("put your foot", "relax.")?"""
    if index >= len(tokens) or tokens[index][0] not in verbs:
        return False
    if index + 1 == len(tokens):
        return True
    word, _start, end = tokens[index]
    following, next_start, _next_end = tokens[index + 1]
    if _CLAUSE_BREAK & set(text[end:next_start]):
        return True  # "... and relax." or "..., then hold, ..."
    if (word, following) in _NOT_ACTIONS:
        return False
    return following in _ACTION_FOLLOWERS or following.isdigit()


def step_actions(text: str, verbs: frozenset[str]) -> tuple[bool, list[int]]:
    """Does a step start with a verb, and where does each of its actions start?

    The first action is the first word after any leading adverb ("Slowly rock").
    Another action starts after a comma, a full stop, a semicolon, "and" or
    "then", with a verb from the list followed by what it acts on
    ("... and put your foot", "..., then hold for 5 seconds").
    """
    tokens = _tokens(text)
    first = _skip_leading(tokens, 0)
    starts_with_verb = first < len(tokens) and tokens[first][0] in verbs
    starts = [tokens[first][1]] if starts_with_verb else []
    for index in range(first + 1, len(tokens)):
        previous_word, _previous_start, previous_end = tokens[index - 1]
        word, start, _end = tokens[index]
        after_break = bool(_CLAUSE_BREAK & set(text[previous_end:start]))
        if not (after_break or previous_word in ACTION_JOINERS) or word in ACTION_JOINERS:
            continue  # not a new clause, or "and then": judged at the word after
        candidate = _skip_leading(tokens, index)
        if _is_action(tokens, candidate, verbs, text) and tokens[candidate][1] not in starts:
            starts.append(tokens[candidate][1])
    return starts_with_verb, starts


def step_problems(group: Group, settings: PlainLanguage) -> Iterator[ContentError]:
    verbs = STEP_VERBS | frozenset(settings.step_verbs)
    for piece in group.pieces:
        if piece.kind != "step":
            continue
        starts_with_verb, starts = step_actions(piece.text, verbs)
        if not starts_with_verb:
            tokens = _tokens(piece.text)
            first = tokens[_skip_leading(tokens, 0)][0] if tokens else ""
            yield _error(
                group,
                piece,
                0,
                "a step starts with what to do: begin with a verb, e.g. 'Keep your back flat.' rather "
                f"than 'Your back should stay flat.' ('{first}' is not in the list of step verbs; if it "
                "is a verb, add it under step_verbs in data/plain_language.yml)",
            )
        if len(starts) > 1:
            actions = " and ".join(f"'{_quote(piece.text[s:], 3)}'" for s in starts)
            yield _error(
                group,
                piece,
                starts[1],
                f"this step holds {len(starts)} actions ({actions}): give each action its own step",
            )


def long_lists(group: Group, settings: PlainLanguage) -> Iterator[ContentError]:
    most = settings.thresholds.list_max_items
    for found in group.lists:
        if found.items > most:
            line, column = found.position
            yield ContentError(
                group.file,
                line,
                column,
                found.field,
                f"this list has {found.items} items (the most is {most}): split it into shorter "
                "lists under their own headings, or keep only what matters most",
            )


def _sentence_around(text: str, offset: int) -> str:
    for start, end in sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text


def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"\b" + r"\s+".join(words) + r"(?:s|es)?\b", re.IGNORECASE)


def unexplained_jargon(group: Group, settings: PlainLanguage) -> Iterator[ContentError]:
    for term, plain in settings.jargon.items():
        pattern = _term_pattern(term)
        wanted = collapse(plain).lower()
        for piece in group.pieces:
            for match in pattern.finditer(piece.text):
                if wanted not in collapse(_sentence_around(piece.text, match.start())).lower():
                    yield _error(
                        group,
                        piece,
                        match.start(),
                        f"'{match.group()}' is a medical word: use the plain words instead "
                        f"('{plain}'), or keep them next to it in the same sentence, "
                        f"e.g. '{match.group()} ({plain})'",
                    )


def _has_number(sentence: str) -> bool:
    return any(t.isdigit() or t in _NUMBER_WORDS for t, _s, _e in _tokens(sentence))


def vague_instructions(group: Group, settings: PlainLanguage) -> Iterator[ContentError]:
    patterns = [(phrase, _term_pattern(phrase)) for phrase in settings.vague_phrases]
    for piece in group.pieces:
        for start, end in sentences(piece.text):
            sentence = piece.text[start:end]
            if _has_number(sentence):
                continue
            for _phrase, pattern in patterns:
                match = pattern.search(sentence)
                if match:
                    yield _error(
                        group,
                        piece,
                        start + match.start(),
                        f"'{match.group()}' does not say how much or how often: give a number in the "
                        "same sentence, e.g. 'Hold for 30 seconds' or 'Do this 10 times'",
                    )


CHECKS = (long_sentences, step_problems, long_lists, unexplained_jargon, vague_instructions)


def clarity_problems(groups: list[Group], settings: PlainLanguage) -> list[ContentError]:
    """Every clarity finding in every group."""
    return [problem for group in groups for check in CHECKS for problem in check(group, settings)]
