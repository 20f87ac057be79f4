"""Any text as an author profile: a profile or Problems at real file lines, never an exception."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from author_profiles.profiles import read_profiles
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.author_profiles.conftest import RULES

EDITOR_LINES = re.compile(r"\r\n|\r|\n")
FIELDS = [
    "Name",
    "Role",
    "Department",
    "Level",
    "Joined",
    "Website",
    "Mastodon",
    "Photo",
    "Photo-focus",
    "Consent",
    "Consent-date",
    "Status",
    "Languages",
    "Ask-me-about",
    "Editor",
]
VALUES = [
    "Miriam Keller",
    "entwicklung",
    "2014-03-01",
    "2014-02-30",
    "https://example.org/x",
    "javascript:alert(1)",
    "yes",
    "vielleicht",
    "0.5, 0.35",
    "2, -1",
    "nan, inf",
    "1e999, 0",
    "../../etc/passwd",
    "active",
    "removed",
    "",
]
lines = st.builds(
    lambda name, value: f"{name}: {value}",
    st.sampled_from(FIELDS),
    st.one_of(st.sampled_from(VALUES), st.text(max_size=30)),
)
profiles = st.one_of(
    st.text(),
    st.builds(
        lambda header, body: "\n".join(header) + "\n\n" + body,
        st.lists(st.one_of(lines, st.text(max_size=20)), max_size=12),
        st.text(max_size=40),
    ),
)


@settings(max_examples=300, deadline=None)
@given(profiles, st.sampled_from(["miriam-keller", "Miriam Keller", "x"]))
@example("Name: A\u2028B\nConsent: vielleicht\n\n", "miriam-keller")
@example("Name: A\nPhoto-focus: nan, inf\nConsent: yes\n\n", "miriam-keller")
@example("Name: A\nPhoto-focus: 1e999, 0\nConsent: yes\n\n", "miriam-keller")
def test_any_profile_gives_a_profile_or_problems_at_file_lines(text: str, handle: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{handle}.md"
        path.write_text(text, encoding="utf-8", newline="")
        found, problems = read_profiles(Path(folder), RULES)
    last_line = max(len(EDITOR_LINES.split(text.removeprefix("\ufeff"))), 1)
    for problem in problems:
        assert problem.path.endswith(f"{handle}.md")
        assert 1 <= problem.line <= last_line, problem
        assert problem.message.strip() and problem.fix.strip(), problem
    assert len(found) <= 1
