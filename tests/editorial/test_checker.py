"""The checker on the broken corpus: one post per rule, each problem at its file, line, column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from editorial.checks import CheckResult, check_site

from tests.sites import ROOT

P = "content/posts/"
# (file, line, column, severity, rule, the whole message)
EXPECTED = [
    ("content/authors/ohne-abteilung.md", 7, 1, "error", None, None),
    # The same rule and words as the build (author_profiles): a name is as good as a handle.
    (P + "autor-unbekannt.md", 4, 9, "error", "author_profiles.unknown_author",
     "Zu 'miriam-kelller' gibt es kein Profil."),
    (P + "bild-aus-internem-beitrag.md", 9, 1, "warning", "internal_image_public",
     "Das Bild 'images/intern.png' gehört auch zum internen Beitrag content/posts/intern.md; "
     "hier wird es öffentlich."),
    (P + "bild-fehlt.md", 11, 22, "error", "image_missing",
     "Das Bild '{static}/images/klien.png' gibt es nicht."),
    (P + "bild-fremder-server.md", 9, 15, "error", "image_external",
     "Das Bild 'https://cdn.example.com/logo.png' wird von einem fremden Server geladen."),
    (P + "bild-kaputt.md", 9, 1, "error", "image_not_an_image",
     "'{static}/images/kaputt.jpg' ist kein Bild, das Browser anzeigen können."),
    (P + "bild-ohne-alt.md", 9, 29, "error", "image_no_alt",
     "Das Bild '{static}/images/klein.png' hat keinen Alternativtext."),
    (P + "bild-ohne-static.md", 9, 1, "error", "image_bare_path",
     "Der Bildpfad 'images/klein.png' funktioniert auf der Website nicht."),
    (P + "bild-zu-breit.md", 9, 1, "error", "image_too_wide",
     "Das Bild '{static}/images/breit.png' ist 2400 × 4 Pixel groß, erlaubt sind 2000 Pixel "
     "an der längeren Seite."),
    (P + "bild-zu-schwer.md", 9, 1, "error", "image_too_heavy",
     "Das Bild '{static}/images/schwer.png' ist 6 KB groß, erlaubt sind 4 KB."),
    (P + "datum-falsch.md", 2, 1, "error", "bad_date",
     "'14.03.2026' im Feld 'Date' ist kein gültiges Datum."),
    (P + "doppelt-zwei.md", 1, 1, "error", "duplicate_slug",
     "Dieser Beitrag bekommt dieselbe Adresse 'zweimal-derselbe-titel' wie "
     "content/posts/doppelt-eins.md."),
    (P + "erklaerungen-stehen-noch.md", 9, 1, "warning", "scaffold_guide",
     "Die Erklärungen von 'invoke new-post' stehen noch in der Datei (Zeilen 9–11)."),
    (P + "gegenleser-keine-redaktion.md", 7, 14, "warning", "reviewer_not_editor",
     "'jonas-muster' gehört laut Profil nicht zur Redaktion ('Editor: yes')."),
    (P + "gegenleser-unbekannt.md", 7, 14, "error", "unknown_reviewer",
     "Zu 'niemand-bekannt' im Feld 'Reviewed-by' gibt es kein Profil."),
    (P + "kategorie-fehlt.md", 5, 1, "error", "missing", "Das Pflichtfeld 'Category' fehlt."),
    (P + "kategorie-unbekannt.md", 3, 1, "error", "bad_value",
     "'Werkstatt' ist im Feld 'Category' nicht erlaubt."),
    (P + "link-auf-intern.md", 9, 11, "error", "link_to_internal",
     "Der Link '{filename}intern.md' zeigt auf einen internen Beitrag; im öffentlichen Blog "
     "gibt es ihn nicht."),
    (P + "link-fehlt.md", 9, 7, "error", "link_missing",
     "Der Link '{filename}/posts/in-ordnug.md' zeigt auf eine Datei, die es nicht gibt."),
    (P + "link-ohne-filename.md", 9, 7, "error", "link_bare_markdown",
     "Der Link 'in-ordnung.md' zeigt auf eine Markdown-Datei; auf der Website wäre er kaputt."),
    # A credited helper is named like an author, and reported on the line of the role.
    (P + "mitwirkende-unbekannt.md", 6, 24, "error", "author_profiles.unknown_author",
     "Zu 'lea-redaktio' gibt es kein Profil."),
    (P + "titelbild-fehlt.md", 8, 1, "error", "image_missing",
     "Das Bild 'images/gibt-es-nicht.jpg' gibt es nicht."),
    (P + "titelbild-ohne-alt.md", 8, 1, "error", "image_no_alt_header",
     "Zum Titelbild fehlt der Alternativtext 'Image-alt'."),
    (P + "titelbild-ohne-nachweis.md", 8, 1, "error", "image_no_credit",
     "Zum Titelbild fehlt der Bildnachweis 'Image-credit'."),
    # idea_polls reports what is wrong inside a block; the checker passes it on.
    (P + "umfrage-kaputt.md", 11, 1, "error", None, None),
    # On the fence's line, in the build's (idea_polls') words: check and build say the same.
    (P + "umfrage-zwei.md", 11, 1, "error", "duplicate_poll_id",
     "Die Umfrage-ID 'kantine-2027' gibt es schon in content/posts/umfrage-eins.md:11."),
]  # fmt: skip


@pytest.fixture
def result(broken_settings: dict[str, Any], in_broken: Path) -> CheckResult:
    """The whole corpus checked once."""
    return check_site(broken_settings)


def test_every_rule_reports_exactly_where_the_mistake_is(result: CheckResult) -> None:
    found = [(p.path, p.line, p.column, p.severity) for p in result.problems]
    assert found == [
        (path, line, column, severity) for path, line, column, severity, *_ in EXPECTED
    ]


@pytest.mark.parametrize(
    ("path", "line", "column", "severity", "rule", "message"),
    [case for case in EXPECTED if case[5] is not None],
    ids=lambda value: value if isinstance(value, str) and value.endswith(".md") else "",
)
def test_message_names_the_problem_in_plain_words(
    result: CheckResult, path: str, line: int, column: int, severity: str, rule: str, message: str
) -> None:
    [problem] = [p for p in result.problems if p.path == path and p.line == line]
    assert (problem.rule, problem.message, problem.column) == (rule, message, column)
    assert problem.fix, "every problem says how to fix it"


def test_fixes_point_at_the_right_spelling(result: CheckResult) -> None:
    fixes = {p.path.rsplit("/", 1)[1]: p.fix for p in result.problems}
    assert "Meinten Sie 'miriam-keller' (Miriam Keller)?" in fixes["autor-unbekannt.md"]
    assert "Meinten Sie '{static}/images/klein.png'?" in fixes["bild-fehlt.md"]
    assert "Schreiben Sie '{static}/images/klein.png'" in fixes["bild-ohne-static.md"]
    assert "Meinten Sie '{filename}/posts/in-ordnung.md'?" in fixes["link-fehlt.md"]
    assert "Schreiben Sie '{filename}/posts/in-ordnung.md'" in fixes["link-ohne-filename.md"]
    assert "lea-redaktion" in fixes["gegenleser-unbekannt.md"]


def test_clean_posts_have_no_problems(result: CheckResult) -> None:
    files = {p.path for p in result.problems}
    assert P + "in-ordnung.md" not in files
    assert P + "autor-mit-namen.md" not in files
    assert P + "intern.md" not in files
    assert P + "doppelt-eins.md" not in files
    assert P + "umfrage-eins.md" not in files


def test_counts_and_exit_code(result: CheckResult) -> None:
    assert (result.errors, result.warnings) == (23, 3)
    assert result.exit_code() == 1
    assert result.files == 34  # 30 posts and 4 profiles


def test_reports_in_english_by_setting(broken_settings: dict[str, Any], in_broken: Path) -> None:
    english = check_site({**broken_settings, "MESSAGES_LANG": "en"})
    [problem] = [p for p in english.problems if p.path == P + "bild-ohne-alt.md"]
    assert problem.message == "The image '{static}/images/klein.png' has no alternative text."
    assert problem.fix.startswith("Describe what it shows inside the square brackets")


def test_without_the_profile_and_poll_plugins_their_checks_are_left_out(
    broken_settings: dict[str, Any], in_broken: Path
) -> None:
    plugins = [p for p in broken_settings["PLUGINS"] if p not in ("author_profiles", "idea_polls")]
    rules = {p.rule for p in check_site({**broken_settings, "PLUGINS": plugins}).problems}
    gone = {"author_profiles.unknown_author", "unknown_reviewer", "author_profiles.missing"}
    assert not rules & (gone | {"duplicate_poll_id"})
    assert "image_no_alt" in rules


def test_the_sample_site_has_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from editorial.config import load_settings

    monkeypatch.chdir(ROOT)
    result = check_site(load_settings("pelicanconf.py"))
    assert result.errors == 0, "\n".join(p.format() for p in result.problems)


def test_profiles_are_indexed_once_per_run_not_per_post(
    broken_settings: dict[str, Any],
    in_broken: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # Indexing per post made a check of 10,000 posts and 2,000 profiles compare 20 million names.
    from author_profiles.resolve import AuthorIndex

    built: list[int] = []
    original = AuthorIndex.build.__func__  # type: ignore[attr-defined]

    def counted(cls: type[AuthorIndex], profiles: Any) -> AuthorIndex:
        built.append(len(profiles))
        return original(cls, profiles)

    monkeypatch.setattr(AuthorIndex, "build", classmethod(counted))
    # Its own cache: a kept answer of an earlier run would leave nothing to count.
    result = check_site({**broken_settings, "CACHE_PATH": str(tmp_path)})
    assert result.errors == 23, "the same problems as without counting"
    assert built == [4]
