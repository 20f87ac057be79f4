"""Any text as a post's header: a result or Problems at real file lines, never an exception."""

from __future__ import annotations

import re

from content_checks.plugin import DEFAULTS
from content_checks.rules import check_header
from faces_common.header import parse_header
from hypothesis import example, given, settings
from hypothesis import strategies as st

PATH = "content/posts/probe.md"
# How an editor (and Python-Markdown, after normalising newlines) counts lines.
EDITOR_LINES = re.compile(r"\r\n|\r|\n")
NAMES = ["Title", "Date", "Category", "Author", "Authors", "Lang", "Status", "Tags", "Titel"]
LINE_BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028"]
SETTINGS_BY_LANG = {
    lang: {**DEFAULTS, "MESSAGES_LANG": lang, "CHECKS_CATEGORIES": ["Technik"]}
    for lang in ("de", "en")
}

values = st.one_of(
    st.sampled_from(["2026-03-14 09:30", "2026-02-30", "de", "draft", "Technik", "", " "]),
    st.text(max_size=30),
)
field_lines = st.builds(
    lambda indent, name, gap, value: f"{indent}{name}{gap}:{value}",
    st.sampled_from(["", "    ", "\t", "\ufeff"]),
    st.one_of(st.sampled_from(NAMES), st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)),
    st.sampled_from(["", " ", "\t"]),
    values,
)
any_lines = st.one_of(field_lines, st.sampled_from(["", "    weiter", "kein Feld"]), st.text())
headers = st.one_of(
    st.text(),
    st.builds(
        lambda lines, breaks: "".join(line + brk for line, brk in zip(lines, breaks, strict=False)),
        st.lists(any_lines, max_size=12),
        st.lists(st.sampled_from(LINE_BREAKS), min_size=12, max_size=12),
    ),
)


def editor_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them."""
    return EDITOR_LINES.split(text)


@settings(max_examples=500, deadline=None)
@given(headers)
@example("Title: A\u2028B\nDate: 2026-13-01\n\nText")
@example("Title: A\x0cB\nTitel: x\n\nText")
@example("\ufeffTitle: x\n    weiter\nDate:\n\n")
def test_any_header_parses_with_fields_at_their_own_lines(text: str) -> None:
    header = parse_header(text)
    lines = editor_lines(text)
    for field in header.fields:
        assert 1 <= field.line <= len(lines)
        own_line = lines[field.line - 1]
        assert (own_line.removeprefix("\ufeff") if field.line == 1 else own_line).startswith(
            field.name
        )
    assert 1 <= header.body_line <= len(lines) + 1
    for number, line in header.stray_lines:
        assert lines[number - 1] == line


@settings(max_examples=500, deadline=None)
@given(headers, st.sampled_from(["de", "en"]), st.sampled_from(["article", "page"]))
@example("Title: A\u2028B\nDate: 2026-13-01\n\nText", "de", "article")
@example("Date: ２０２６-０３-１４\n\n", "en", "article")
@example("Date: 2026-03-14 09:30:00+99:00\n\n", "de", "article")
def test_any_header_gives_problems_with_file_and_line(text: str, lang: str, kind: str) -> None:
    problems = check_header(parse_header(text), PATH, SETTINGS_BY_LANG[lang], kind)
    last_line = max(len(editor_lines(text)), 1)
    for problem in problems:
        assert 1 <= problem.line <= last_line, problem
        assert problem.message.strip() and problem.fix.strip(), problem
        assert problem.format().startswith(f"{PATH}:{problem.line}:1: ")
