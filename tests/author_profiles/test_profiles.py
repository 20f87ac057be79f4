"""Tests for author_profiles.profiles: reading profiles and reporting every bad input by line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from author_profiles.profiles import (
    AuthorProfile,
    ProfileRules,
    load_profiles,
    read_profiles,
    rules_from_settings,
)
from faces_common.problems import Problem

RULES = ProfileRules(
    departments={"geschaeftsleitung": "Geschäftsleitung", "entwicklung": "Entwicklung"},
    levels={"vorstand": "Vorstand", "bereichsleitung": "Bereichsleitung", "fachkraft": "Fachkraft"},
    lang="de",
    author_url="menschen/{slug}/",
    markdown={},
    slug_substitutions=[],
)

FULL = """\
Name: Miriam Keller
Role: Leiterin Entwicklung
Department: entwicklung
Level: bereichsleitung
Location: Konstanz
Languages: Deutsch, Englisch
Joined: 2014-03-01
Ask-me-about: Zahlen, die man versteht; Leichtbau; Klettern
Website: https://example.org/miriam
Mastodon: https://social.example/@miriam
Photo: miriam-keller.jpg
Photo-focus: 0.5, 0.35
Photo-credit: Foto: Jana Roth
Consent: yes
Consent-date: 2026-01-10
Status: active
Editor: yes

Ich leite die *Entwicklung*.

Zweiter Absatz.
"""


def profile_text(**changes: str | None) -> str:
    """The full profile with some fields changed (value) or removed (None)."""
    lines = []
    for line in FULL.splitlines():
        name, _, value = line.partition(": ")
        key = name.lower().replace("-", "_")
        if value and key in changes:
            if changes[key] is None:
                continue
            line = f"{name}: {changes[key]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def write(folder: Path, handle: str, text: str, photo: Path | None = None) -> Path:
    path = folder / f"{handle}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if photo is not None:
        (folder / f"{handle}.jpg").write_bytes(photo.read_bytes())
    return path


def read(folder: Path) -> tuple[list[AuthorProfile], list[str]]:
    profiles, problems = read_profiles(folder, RULES)
    return profiles, [p.format() for p in problems]


def test_a_complete_profile(authors: Path, astronaut_path: Path) -> None:
    path = write(authors, "miriam-keller", FULL, photo=astronaut_path)
    [profile], problems = read(authors)
    assert problems == []
    assert profile.handle == "miriam-keller"
    assert profile.name == "Miriam Keller"
    assert profile.role == "Leiterin Entwicklung"
    assert (profile.department, profile.department_label) == ("entwicklung", "Entwicklung")
    assert (profile.level, profile.level_label) == ("bereichsleitung", "Bereichsleitung")
    assert profile.location == "Konstanz"
    assert profile.languages == ["Deutsch", "Englisch"]
    assert profile.joined == dt.date(2014, 3, 1)
    # A semicolon separates topics that contain commas.
    assert profile.ask_me_about == ["Zahlen, die man versteht", "Leichtbau", "Klettern"]
    assert profile.links == [
        ("Website", "https://example.org/miriam"),
        ("Mastodon", "https://social.example/@miriam"),
    ]
    assert profile.status == "active" and profile.is_active and not profile.is_alumni
    assert profile.is_editor and profile.editor
    assert profile.consent and profile.consent_date == dt.date(2026, 1, 10)
    assert profile.photo_credit == "Foto: Jana Roth"
    assert profile.has_photo is False  # set by the generator once the photo is processed
    assert profile.photo_source == str((authors / "miriam-keller.jpg").resolve())
    assert profile.photo_focus == (0.5, 0.35)
    assert profile.photo_line == 11
    assert profile.url == "menschen/miriam-keller/"
    assert profile.source_path == str(path)
    assert profile.bio == "<p>Ich leite die <em>Entwicklung</em>.</p>\n<p>Zweiter Absatz.</p>"
    assert profile.bio_summary == "Ich leite die Entwicklung."
    assert 'aria-label="Miriam Keller"' in profile.avatar_svg and ">MK</text>" in profile.avatar_svg


def test_unknown_department_lists_the_allowed_ones(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(department="technik", photo=None))
    [profile], problems = read(authors)
    assert problems == [
        "authors/miriam-keller.md:3:1: error: 'technik' ist im Feld 'Department' nicht erlaubt.\n"
        "    → Erlaubt sind: geschaeftsleitung, entwicklung."
    ]
    assert profile.department is None and profile.department_label == ""


def test_unknown_level_lists_the_allowed_ones(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(level="chefin", photo=None))
    _, problems = read(authors)
    assert problems == [
        "authors/miriam-keller.md:4:1: error: 'chefin' ist im Feld 'Level' nicht erlaubt.\n"
        "    → Erlaubt sind: vorstand, bereichsleitung, fachkraft."
    ]


def test_the_label_is_accepted_for_the_key(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(department="Entwicklung", photo=None))
    [profile], problems = read(authors)
    assert problems == [] and profile.department == "entwicklung"


def test_duplicate_handles_keep_the_first_file(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(photo=None))
    write(authors / "team", "miriam-keller", profile_text(name="Miriam K.", photo=None))
    profiles, problems = read(authors)
    assert [p.name for p in profiles] == ["Miriam Keller"]
    assert problems == [
        "authors/team/miriam-keller.md:1:1: error: Das Kürzel 'miriam-keller' gibt es schon in "
        "authors/miriam-keller.md.\n"
        "    → Jede Person braucht ein eigenes Kürzel: Benennen Sie eine der Dateien um oder "
        "löschen Sie das doppelte Profil. Dieses Profil wird übersprungen."
    ]


def test_two_people_with_one_name_is_a_warning(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(photo=None))
    write(authors, "mk", profile_text(photo=None))
    profiles, problems = read(authors)
    assert len(profiles) == 2
    assert problems == [
        "authors/mk.md:1:1: warning: Der Name 'Miriam Keller' steht auch in "
        "authors/miriam-keller.md.\n"
        "    → Beiträge, die den Namen statt des Kürzels nennen, sind so nicht eindeutig; "
        "nennen Sie dort das Kürzel."
    ]


def test_missing_consent_shows_name_and_role_only(authors: Path, astronaut_path: Path) -> None:
    write(authors, "miriam-keller", profile_text(consent=None), photo=astronaut_path)
    [profile], problems = read(authors)
    assert problems == [
        "authors/miriam-keller.md:16:1: warning: Das Feld 'Consent' fehlt.\n"
        "    → Ohne Einwilligung erscheinen weder Foto noch persönliche Angaben, nur Name, "
        "Rolle und Initialen. Tragen Sie 'Consent: yes' und 'Consent-date: JJJJ-MM-TT' ein, "
        "sobald die Person zugestimmt hat, sonst 'Consent: no'."
    ]
    assert (profile.name, profile.role, profile.department) == (
        "Miriam Keller",
        "Leiterin Entwicklung",
        "entwicklung",
    )
    assert profile.consent is False
    assert profile.photo_source is None and profile.photo_credit is None
    assert (profile.bio, profile.links, profile.location, profile.languages) == ("", [], "", [])
    assert (profile.joined, profile.ask_me_about) == (None, [])


def test_consent_without_a_date_is_a_warning(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(consent_date=None, photo=None))
    _, problems = read(authors)
    assert problems == [
        "authors/miriam-keller.md:13:1: warning: Zur Einwilligung fehlt das Datum.\n"
        "    → Ergänzen Sie 'Consent-date: JJJJ-MM-TT' mit dem Tag, an dem die Person "
        "zugestimmt hat."
    ]


def test_missing_photo_file_names_the_profile_and_line(authors: Path) -> None:
    write(authors, "miriam-keller", FULL)
    [profile], problems = read(authors)
    assert problems == [
        "authors/miriam-keller.md:11:1: warning: Das Foto 'miriam-keller.jpg' gibt es nicht.\n"
        "    → Legen Sie die Datei neben das Profil (authors) oder korrigieren Sie den "
        "Dateinamen. Bis dahin erscheinen Initialen."
    ]
    assert profile.photo_source is None and profile.photo_credit is None


def test_alumni_and_removed_photos_are_not_used(authors: Path, astronaut_path: Path) -> None:
    write(authors, "hannah-vogt", profile_text(name="Hannah Vogt", status="alumni"), astronaut_path)
    write(authors, "marco-bianchi", profile_text(name="Marco B", status="removed"), astronaut_path)
    profiles, problems = read(authors)
    assert problems == []
    alumni, removed = sorted(profiles, key=lambda p: p.status)
    assert (
        alumni.is_alumni and alumni.photo_source is None and alumni.url == "menschen/hannah-vogt/"
    )
    assert alumni.bio  # the page stays, with the bio
    assert removed.status == "removed" and removed.url is None and removed.photo_source is None
    assert (removed.bio, removed.links) == ("", [])


def test_a_mistyped_status_hides_the_person(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(status="remvoed", photo=None))
    [profile], problems = read(authors)
    assert profile.status == "removed" and profile.url is None
    assert problems == [
        "authors/miriam-keller.md:15:1: error: 'remvoed' ist im Feld 'Status' nicht erlaubt.\n"
        "    → Erlaubt sind: active, alumni, removed."
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"photo_focus": "Mitte"},
            "authors/miriam-keller.md:11:1: warning: 'Mitte' im Feld 'Photo-focus' ist kein "
            "Bildpunkt.\n    → Schreiben Sie zwei Zahlen von 0 bis 1, x von links und y von oben, "
            "z. B. 'Photo-focus: 0.5, 0.35'.",
        ),
        (
            {"joined": "01.03.2014"},
            "authors/miriam-keller.md:7:1: warning: '01.03.2014' im Feld 'Joined' ist kein "
            "gültiges Datum.\n    → Schreiben Sie das Datum als JJJJ-MM-TT, z. B. "
            "'Joined: 2026-03-14'.",
        ),
        (
            {"website": "example.org/miriam"},
            "authors/miriam-keller.md:9:1: warning: 'example.org/miriam' im Feld 'Website' ist "
            "keine vollständige Webadresse.\n    → Schreiben Sie die Adresse mit https://, z. B. "
            "'Website: https://example.org/…'. Bis dahin fehlt der Link auf der Seite.",
        ),
        (
            {"consent": "vielleicht"},
            "authors/miriam-keller.md:13:1: error: 'vielleicht' im Feld 'Consent' ist weder "
            "'yes' noch 'no'.\n    → Schreiben Sie 'Consent: yes' oder 'Consent: no'.",
        ),
        (
            {"role": None},
            "authors/miriam-keller.md:15:1: error: Das Pflichtfeld 'Role' fehlt.\n"
            "    → Ergänzen Sie eine Zeile 'Role: …', z. B. 'Role: Leiterin Entwicklung'.",
        ),
    ],
)
def test_bad_fields(authors: Path, changes: dict[str, str | None], expected: str) -> None:
    write(authors, "miriam-keller", profile_text(photo=None, **changes))
    _, problems = read(authors)
    assert problems == [expected]


def test_unknown_field_suggests_the_closest(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(photo=None).replace("Location:", "Locaton:"))
    _, problems = read(authors)
    [problem] = problems
    assert problem.startswith(
        "authors/miriam-keller.md:5:1: warning: Das Feld 'Locaton' ist unbekannt.\n"
        "    → Meinten Sie 'Location'? Bekannte Felder: Name, Role, Department,"
    )


def test_file_name_that_is_no_handle(authors: Path) -> None:
    write(authors, "Miriam_Keller", profile_text(photo=None))
    [profile], problems = read(authors)
    assert profile.handle == "miriam-keller"
    assert problems == [
        "authors/Miriam_Keller.md:1:1: error: Der Dateiname 'Miriam_Keller.md' taugt nicht als "
        "Kürzel.\n    → Benennen Sie die Datei in 'miriam-keller.md' um (Kleinbuchstaben, "
        "Ziffern und Bindestriche), das Foto gleich mit."
    ]


def test_a_file_without_header_is_skipped(authors: Path) -> None:
    write(authors, "miriam-keller", "Ich bin Miriam.\n")
    profiles, problems = read(authors)
    assert profiles == []
    assert problems[0].startswith(
        "authors/miriam-keller.md:1:1: error: Das Profil beginnt nicht mit Metadaten."
    )


def test_english_messages(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(department="technik", photo=None))
    rules = rules_from_settings({"AUTHORS_DEPARTMENTS": RULES.departments, "DEFAULT_LANG": "en"})
    _, problems = read_profiles(authors, rules)
    assert [p.format() for p in problems] == [
        "authors/miriam-keller.md:3:1: error: 'technik' is not allowed in the field "
        "'Department'.\n    → Allowed values: geschaeftsleitung, entwicklung."
    ]


def test_load_profiles_for_other_tools(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(photo=None, level="chefin"))
    profiles, problems = load_profiles(str(authors), {"AUTHORS_LEVELS": RULES.levels})
    assert list(profiles) == ["miriam-keller"]
    assert [type(p) for p in problems] == [Problem]
    assert problems[0].line == 4


def test_without_lists_in_the_settings_any_department_goes(authors: Path) -> None:
    write(authors, "miriam-keller", profile_text(photo=None, department="technik"))
    profiles, problems = load_profiles(authors, {})
    assert problems == []
    assert profiles["miriam-keller"].department_label == "technik"


GUEST = """\
Name: Sandra Graf
Role: Inhaberin
Guest: yes
Organisation: Velohaus Graf
Consent: no

Ich führe einen Fachhandel.
"""


def test_a_guest_needs_an_organisation_instead_of_department_and_level(authors: Path) -> None:
    write(authors, "sandra-graf", GUEST)
    [guest], problems = read(authors)
    assert problems == []
    assert (guest.is_guest, guest.organisation, guest.department, guest.level) == (
        True,
        "Velohaus Graf",
        None,
        None,
    )
    # Same consent rules as employees: without consent no bio, only name, role, organisation.
    assert guest.consent is False and guest.bio == ""
    write(authors, "sandra-graf", GUEST.replace("Organisation: Velohaus Graf\n", ""))
    [guest], problems = read(authors)
    assert problems == [
        "authors/sandra-graf.md:4:1: error: Das Pflichtfeld 'Organisation' fehlt.\n"
        "    → Ergänzen Sie eine Zeile 'Organisation: …', z. B. "
        "'Organisation: Velohaus Muster GmbH'."
    ]
    assert guest.is_guest and guest.organisation == ""
