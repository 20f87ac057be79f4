"""Tests for author_profiles.resolve: posts name people by handle or name; typos get a guess."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from author_profiles import load_profiles
from author_profiles.profiles import AuthorProfile
from author_profiles.resolve import (
    PlainAuthor,
    attach_authors,
    display_name,
    find_profile,
)
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author

SETTINGS: dict[str, Any] = {
    **copy.deepcopy(DEFAULT_CONFIG),
    "AUTHOR_URL": "menschen/{slug}/",
    "AUTHORS_DIR": "authors",
    "MESSAGES_LANG": "de",
    "AUTHORS_REMOVED_LABEL": "Ehemaliges Teammitglied",
}


# The people of these tests by handle (their file's name): their names. All are active but
# the two of LEFT, with the status each has.
PEOPLE = {
    "miriam-keller": "Miriam Keller",
    "jonas-brenner": "Jonas Brenner",
    "emre-yilmaz": "Emre Yılmaz",
    "hannah-vogt": "Hannah Vogt",
    "marco-bianchi": "Marco Bianchi",
}
LEFT = {"hannah-vogt": "alumni", "marco-bianchi": "removed"}


def read_people(
    folder: Path, people: dict[str, str], left: dict[str, str] | None = None
) -> tuple[dict[str, AuthorProfile], list[Any]]:
    """Write each person's profile file and read them all as the build does."""
    folder.mkdir(parents=True, exist_ok=True)
    statuses = left or {}
    for handle, name in people.items():
        status = statuses.get(handle, "active")
        header = f"Name: {name}\nRole: Rolle\nDepartment: entwicklung\nLevel: fachkraft\n"
        consent = f"Consent: yes\nConsent-date: 2026-01-10\nStatus: {status}\n"
        (folder / f"{handle}.md").write_text(header + consent, encoding="utf-8")
    return load_profiles(folder, SETTINGS)


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, AuthorProfile]:
    """The five people of these tests: active, alumni and removed."""
    found, problems = read_people(tmp_path_factory.mktemp("authors"), PEOPLE, LEFT)
    assert problems == []
    return found


@pytest.fixture
def posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make real Articles from a header line; the file exists so problems can name the line."""
    monkeypatch.chdir(tmp_path)

    def make(field: str, name: str = "post.md") -> Article:
        path = tmp_path / "posts" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"Title: Ein Beitrag\nDate: 2026-03-14\n{field}\n\nText.\n", "utf-8")
        key, _, value = field.partition(": ")
        authors = [Author(n.strip(), SETTINGS) for n in value.split(",")]
        metadata = {"title": "Ein Beitrag", "date": dt.datetime(2026, 3, 14), key.lower(): authors}
        if key.lower() == "author":
            metadata["author"] = authors[0]
        return Article("<p>Text.</p>", metadata=metadata, settings=SETTINGS, source_path=str(path))

    return make


def test_handles_and_exact_names_give_the_canonical_author(
    posts: Any, profiles: dict[str, AuthorProfile]
) -> None:
    by_handle = posts("Author: miriam-keller")
    by_name = posts("Authors: Miriam Keller, emre yılmaz", "two.md")
    assert attach_authors([by_handle, by_name], profiles, SETTINGS) == []
    assert [(a.name, a.slug, a.url) for a in by_handle.authors] == [
        ("Miriam Keller", "miriam-keller", "menschen/miriam-keller/")
    ]
    assert [(a.name, a.slug) for a in by_name.authors] == [
        ("Miriam Keller", "miriam-keller"),
        ("Emre Yılmaz", "emre-yilmaz"),
    ]
    assert by_name.author is by_name.authors[0]
    assert by_name.metadata["authors"] == by_name.authors
    # One Author object per person, shared by all their posts.
    assert by_handle.authors[0] is by_name.authors[0]


def test_the_same_person_twice_is_listed_once(
    posts: Any, profiles: dict[str, AuthorProfile]
) -> None:
    post = posts("Authors: miriam-keller, Miriam Keller")
    attach_authors([post], profiles, SETTINGS)
    assert [a.slug for a in post.authors] == ["miriam-keller"]


def test_alumni_keep_their_byline(posts: Any, profiles: dict[str, AuthorProfile]) -> None:
    post = posts("Author: hannah-vogt")
    attach_authors([post], profiles, SETTINGS)
    assert [(a.name, a.url) for a in post.authors] == [("Hannah Vogt", "menschen/hannah-vogt/")]


def test_removed_people_become_a_neutral_label_without_page(
    posts: Any, profiles: dict[str, AuthorProfile]
) -> None:
    post = posts("Authors: marco-bianchi, miriam-keller")
    assert attach_authors([post], profiles, SETTINGS) == []
    neutral, kept = post.authors
    assert isinstance(neutral, PlainAuthor)
    assert (neutral.name, neutral.url, neutral.save_as) == ("Ehemaliges Teammitglied", "", "")
    assert "marco" not in neutral.slug and "bianchi" not in neutral.slug
    assert kept.slug == "miriam-keller"
    assert find_profile({"author_profiles": profiles}, neutral) is None


def test_unknown_author_names_file_line_column_and_the_closest_person(
    posts: Any, profiles: dict[str, AuthorProfile]
) -> None:
    post = posts("Authors: jonas-brenner, Miriam Kelle")
    [problem] = attach_authors([post], profiles, SETTINGS)
    assert problem.format() == (
        "posts/post.md:3:25: error: Zu 'Miriam Kelle' gibt es kein Profil.\n"
        "    → Meinten Sie 'miriam-keller' (Miriam Keller)? Nennen Sie Autorinnen und Autoren "
        "mit dem Kürzel ihres Profils in authors/."
    )
    # The post stays in the preview, with the name shown plainly.
    assert [(a.name, a.url) for a in post.authors] == [
        ("Jonas Brenner", "menschen/jonas-brenner/"),
        ("Miriam Kelle", ""),
    ]


def test_unknown_author_by_misspelt_handle(posts: Any, profiles: dict[str, AuthorProfile]) -> None:
    [problem] = attach_authors([posts("Author: jonas-brener")], profiles, SETTINGS)
    assert problem.line == 3 and problem.column == 9
    assert "Meinten Sie 'jonas-brenner' (Jonas Brenner)?" in problem.fix


def test_unknown_author_without_a_guess(posts: Any, profiles: dict[str, AuthorProfile]) -> None:
    [problem] = attach_authors([posts("Author: Xaver Quast")], profiles, SETTINGS)
    assert problem.format() == (
        "posts/post.md:3:9: error: Zu 'Xaver Quast' gibt es kein Profil.\n"
        "    → Legen Sie ein Profil authors/xaver-quast.md an oder nennen Sie das Kürzel eines "
        "bestehenden Profils. Bis dahin steht der Name ohne Link im Beitrag."
    )


def test_a_name_two_profiles_share_is_ambiguous(
    posts: Any, profiles: dict[str, AuthorProfile], tmp_path: Path
) -> None:
    twin, _ = read_people(tmp_path / "authors", {"miriam-keller-2": "Miriam Keller"})
    both = {**profiles, **twin}
    [problem] = attach_authors([posts("Author: Miriam Keller")], both, SETTINGS)
    assert problem.message == (
        "Der Name 'Miriam Keller' passt auf mehrere Profile: miriam-keller, miriam-keller-2."
    )


def test_template_helpers(profiles: dict[str, AuthorProfile]) -> None:
    context = {"author_profiles": profiles}
    miriam = Author("Miriam Keller", SETTINGS)
    miriam.slug = "miriam-keller"
    assert find_profile(context, miriam) is profiles["miriam-keller"]
    assert find_profile(context, "jonas-brenner") is profiles["jonas-brenner"]
    assert find_profile(context, "marco-bianchi") is None  # removed: never shown
    assert find_profile({}, miriam) is None
    assert display_name(context, miriam) == "Miriam Keller"
    assert display_name(context, PlainAuthor("Gast", SETTINGS)) == "Gast"
