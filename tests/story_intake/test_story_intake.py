"""The story intake plugin: its settings, the page and invitations, and the plan kept out."""

from __future__ import annotations

import json
from typing import Any

import pytest
from story_intake.plugin import DEFAULTS, validate

from tests.plugin_settings import assert_refused_by_name
from tests.readme import documented_settings
from tests.sites import ROOT, BuildRun

# Words of the accepted story in content/data/editorial-plan.json: never in any build.
PLAN_WORDS = ("s-3f9a1c07d2e4", "Lastenvelos", "Marco aus der Endmontage", "Interview am 10.")
FORM = "geschichte-vorschlagen/index.html"


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("story_intake", "STORIES_") == set(DEFAULTS)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("STORIES_ENDPOINT", "//evil.example/api"),
        ("STORIES_ENDPOINT", "/api/stories/"),
        ("STORIES_ENDPOINT", '/api"><script>'),
        ("STORIES_PAGE_URL", "/geschichte/"),
        ("STORIES_PAGE_SAVE_AS", "geschichte.txt"),
        ("STORIES_MANIFEST_SAVE_AS", "stories/manifest"),
        ("STORIES_TEXT_MAX", 0),
        ("STORIES_TEXT_MAX", True),
    ],
)
def test_bad_settings_are_refused_by_name(key: str, value: Any) -> None:
    assert_refused_by_name(validate, {**DEFAULTS, key: value}, key)


def test_the_page_holds_the_whole_form_posting_to_the_backend(preview_site: BuildRun) -> None:
    form = preview_site.html(FORM).select_one("form[data-story-form]")
    assert form is not None
    assert (form["method"], form["action"]) == ("post", "/api/stories")
    names = {field["name"] for field in form.select("[name]")}
    assert names == {"about", "person", "department", "text", "proposer", "contact", "_hp", "_next"}
    assert form.select_one("[name=_next]")["value"] == "/"
    assert form.select_one("textarea[name=text]")["maxlength"] == "4000"
    for field in form.select("input:not([type=hidden]), textarea"):
        assert form.select_one(f"label[for={field['id']}]") is not None, field


@pytest.mark.parametrize("page", ["menschen/index.html", "menschen/miriam-keller/index.html", FORM])
def test_invitations_link_to_the_page(preview_site: BuildRun, page: str) -> None:
    links = preview_site.html(page).select(".story-invite a")
    if page == FORM:
        assert links == []  # the page itself invites no one to itself
    else:
        assert [link["href"] for link in links] == ["/geschichte-vorschlagen/"]


def test_every_post_ends_with_an_invitation(preview_site: BuildRun) -> None:
    posts = [p for p in preview_site.pages() if p.parts[0].isdigit() and p.name == "index.html"]
    assert posts
    assert all(preview_site.html(str(p)).select(".story-invite") for p in posts)


def test_the_manifest_lists_the_people_who_work_here(preview_site: BuildRun) -> None:
    data = json.loads((preview_site.output / "stories/manifest.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and "miriam-keller" in data["profiles"]
    assert data["profiles"] == sorted(data["profiles"])


def test_without_a_backend_there_is_no_page_and_no_invitation(public_site: BuildRun) -> None:
    assert not (public_site.output / FORM).exists()
    assert not (public_site.output / "stories").exists()
    assert not any(public_site.html(str(p)).select(".story-invite") for p in public_site.pages())


@pytest.mark.parametrize("site", ["preview_site", "public_site"])
def test_no_word_of_an_accepted_story_reaches_the_output(
    site: str, request: pytest.FixtureRequest
) -> None:
    run: BuildRun = request.getfixturevalue(site)
    plan = (ROOT / "content/data/editorial-plan.json").read_text(encoding="utf-8")
    assert all(word in plan for word in PLAN_WORDS)
    found = [
        (str(path.relative_to(run.output)), word)
        for path in run.output.rglob("*")
        if path.is_file()
        for word in PLAN_WORDS
        if word.encode("utf-8") in path.read_bytes()
    ]
    assert found == []
