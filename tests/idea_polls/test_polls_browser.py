"""Voting in real Chromium against the built site, served with the real backend on one origin."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.backend.helpers import run_backend
from tests.browser import PageWatch, axe_violations, watched_page
from tests.html_check import vnu_errors
from tests.idea_polls.poll_site import PollSite, serve, write_settings
from tests.servers import free_port
from tests.sites import ROOT, run_build

pytestmark = pytest.mark.browser
POST = "/2026/testumfragen/"
SAMPLE_POST = "/2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/"
SUBMIT = "Stimme abgeben"
THANKS = "Danke! Ihre Stimme wurde gezählt."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PollSite]:
    with serve(tmp_path_factory.mktemp("poll-site"), free_port()) as running:
        yield running


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context
    context.close()


def open_post(context: Any, site: PollSite, path: str = POST) -> tuple[Any, PageWatch]:
    page, watch = watched_page(context, site.origin)
    page.goto(site.origin + path, wait_until="networkidle")
    return page, watch


def vote(poll: Any, role: str, *options: str) -> None:
    """Tick the options (radios or checkboxes, by `role`) and press the poll's submit button."""
    for option in options:
        poll.get_by_role(role, name=option).check()
    poll.get_by_role("button", name=SUBMIT).click()


def live_text(page: Any, poll_id: str) -> str:
    live = page.locator(f"#poll-{poll_id} .poll__live")
    live.wait_for(state="visible")
    return str(live.inner_text())


def backend_command(site: PollSite, *args: str) -> str:
    """Run `python -m faces_backend ...` on the test backend's database; return its output."""
    environ = {"FACES_DB": str(site.db), "FACES_MANIFEST": str(site.manifest)}
    done = run_backend(list(args), environ, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def exported_total(site: PollSite, poll_id: str) -> int:
    """Ballots stored for a poll, as the backend's export reports them (any results mode)."""
    [poll] = json.loads(backend_command(site, "export", "--poll", poll_id))["polls"]
    return int(poll["total"])


def only_the_question_is_left(poll: Any) -> bool:
    """After voting the form shows its question and no control."""
    controls = poll.locator("form input, form textarea, form button").all()
    return poll.locator("legend").is_visible() and not any(c.is_visible() for c in controls)


def test_vote_with_javascript_shows_bars_and_is_remembered(context: Any, site: PollSite) -> None:
    page, watch = open_post(context, site)
    poll = page.locator("#poll-test-js")
    vote(poll, "radio", "Werkstattcafé")
    assert live_text(page, "test-js") == THANKS
    assert page.url == site.origin + POST, "the page did not reload"
    assert only_the_question_is_left(poll)
    assert poll.locator(".poll__voted").is_hidden(), "the thanks say it already"
    assert poll.locator("meter").count() == 3
    figures = poll.locator(".poll__result-figure").all_inner_texts()
    assert figures == ["0 Stimmen (0%)", "1 Stimme (100%)", "0 Stimmen (0%)"]
    assert page.evaluate("localStorage.getItem('idea-poll:test-js')") == "voted"
    # Back on the page later: the browser remembers, the backend shows this voter the results.
    page.reload(wait_until="networkidle")
    assert poll.locator(".poll__voted").is_visible()
    assert only_the_question_is_left(poll)
    poll.locator("meter").first.wait_for()
    assert poll.locator("meter").nth(1).get_attribute("value") == "1"
    assert site.results("test-js")["results"] is None, "after_vote hides results from others"
    assert watch.console_errors == []
    assert watch.foreign_requests() == []


def test_a_second_vote_is_refused(context: Any, site: PollSite) -> None:
    page, _ = open_post(context, site)
    poll = page.locator("#poll-test-zweimal")
    vote(poll, "radio", "Salatbar")
    assert live_text(page, "test-zweimal") == THANKS
    # The same browser without its memory of the vote: the backend's cookie still knows.
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    vote(poll, "radio", "Grillabend")
    assert live_text(page, "test-zweimal") == (
        "Sie haben bei dieser Umfrage bereits abgestimmt: Von diesem Browser wurde hier schon "
        "eine Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich nicht "
        "ändern. Hat jemand anderes an diesem Gerät abgestimmt, stimmen Sie bitte von Ihrem "
        "eigenen Gerät ab."
    )
    assert poll.locator(".poll__live").get_attribute("class") == "poll__live poll__live--problem"
    assert site.results("test-zweimal")["results"]["total"] == 1


def test_without_javascript_the_answer_page_shows_the_result_and_leads_back(
    browser: Any, site: PollSite
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page, watch = watched_page(context, site.origin)
    page.goto(site.origin + POST)
    poll = page.locator("#poll-test-ohne-js")
    poll.get_by_role("radio", name="Grillabend").check()
    try:
        with page.expect_navigation():
            poll.get_by_role("button", name=SUBMIT).click()
        assert page.get_by_role("status").inner_text() == THANKS
        assert page.get_by_role("heading", level=1).inner_text() == "Frage test-ohne-js?"
        grill = page.locator(".poll__result", has_text="Grillabend")
        assert grill.locator(".poll__result-figure").inner_text() == "1 Stimme (100%)"
        # The site's own stylesheet styles the page: its custom properties are defined.
        assert page.evaluate(
            "getComputedStyle(document.documentElement).getPropertyValue('--brand') !== ''"
        )
        assert watch.foreign_requests() == []
        # Coming back and voting again: the reader learns they already voted, and why.
        page.get_by_role("link", name="Zurück zum Beitrag").click()
        page.wait_for_url(site.origin + POST + "#poll-test-ohne-js")
        poll.get_by_role("radio", name="Salatbar").check()
        with page.expect_navigation():
            poll.get_by_role("button", name=SUBMIT).click()
        assert (
            page.get_by_role("status")
            .inner_text()
            .startswith("Sie haben bei dieser Umfrage bereits abgestimmt: ")
        )
        assert page.locator(".poll__result-figure").nth(2).inner_text() == "1 Stimme (100%)"
        answer = site.folder / "answer-page.html"
        answer.write_text(page.content(), encoding="utf-8")
        assert vnu_errors([answer]) == []
    finally:
        context.close()
    assert site.results("test-ohne-js")["results"]["options"][2]["votes"] == 1


def test_the_answer_page_is_accessible(browser: Any, site: PollSite) -> None:
    # axe is a script, which the answer page's CSP forbids: this check alone bypasses it.
    context = browser.new_context(bypass_csp=True)
    page, watch = open_post(context, site)
    try:
        with page.expect_navigation():
            # form.submit() skips the script's submit handler: the plain form post.
            page.evaluate("document.querySelector('#poll-test-ohne-js form').submit()")
        # Nothing chosen (this poll's counts belong to the test above): the refusal page.
        assert page.get_by_role("status").inner_text() == "Bitte wählen Sie eine Idee aus."
        assert page.get_by_role("link", name="Zurück zum Beitrag").is_visible()
        assert axe_violations(page) == []
        assert watch.foreign_requests() == []
    finally:
        context.close()


def test_the_status_message_shows_without_javascript(browser: Any, site: PollSite) -> None:
    # What the page does once the backend redirects to the status fragment.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.origin + POST + "#poll-test-ohne-js-already_voted")
    poll = page.locator("#poll-test-ohne-js")
    visible = [s for s in poll.locator(".poll__status").all() if s.is_visible()]
    assert [s.inner_text() for s in visible] == [
        "Sie haben bei dieser Abstimmung bereits abgestimmt."
    ]
    assert only_the_question_is_left(poll)
    context.close()


def test_posts_with_polls_are_valid_html(site: PollSite) -> None:
    pages = [site.build.output / POST.strip("/") / "index.html"]
    pages += [site.build.output / SAMPLE_POST.strip("/") / "index.html"]
    assert vnu_errors(pages) == []


def test_a_closed_poll_has_no_form(context: Any, site: PollSite) -> None:
    page, _ = open_post(context, site)
    poll = page.locator("#poll-test-zu")
    assert poll.locator("form, input, button, textarea").count() == 0
    assert "Diese Abstimmung ist geschlossen." in poll.inner_text()
    assert poll.locator(".poll__decision").inner_text() == (
        "Entscheidung: umgesetzt – Die Salatbar gibt es seit März."
    )


def test_the_honeypot_gets_a_fake_success_and_nothing_is_stored(
    context: Any, site: PollSite
) -> None:
    page, _ = open_post(context, site)
    poll = page.locator("#poll-test-honig")
    poll.get_by_role("radio", name="Salatbar").check()
    poll.locator("input[name=_hp]").fill("https://spam.example")
    poll.get_by_role("button", name=SUBMIT).click()
    assert live_text(page, "test-honig") == THANKS
    assert site.results("test-honig")["results"]["total"] == 0
    assert exported_total(site, "test-honig") == 0


def test_a_suggestion_is_queued_and_not_shown(context: Any, site: PollSite) -> None:
    page, _ = open_post(context, site)
    poll = page.locator("#poll-test-vorschlag")
    poll.get_by_label("Eigene Idee vorschlagen").fill("Ein Trinkbrunnen im Hof")
    poll.get_by_role("button", name=SUBMIT).click()
    assert live_text(page, "test-vorschlag") == (
        "Danke für Ihren Vorschlag! Er erscheint, sobald die Redaktion ihn freigegeben hat."
    )
    assert poll.get_by_label("Eigene Idee vorschlagen").input_value() == ""
    url = f"{site.origin}/api/polls/test-vorschlag/suggestions"
    assert page.request.get(url).json()["suggestions"] == []
    page.reload(wait_until="networkidle")
    assert "Trinkbrunnen" not in page.content()
    listed = backend_command(site, "suggestions", "list", "--status", "all")
    rows = [line.split("\t") for line in listed.splitlines()]
    assert ["test-vorschlag", "pending", "Ein Trinkbrunnen im Hof"] in [
        [poll, status, text] for _, poll, status, _, text in rows
    ]


@pytest.mark.parametrize("path", [POST, SAMPLE_POST])
def test_a_post_with_polls_is_accessible_and_stays_on_its_origin(
    context: Any, site: PollSite, path: str
) -> None:
    page, watch = open_post(context, site, path)
    assert page.locator("section.poll").count() >= 1
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    assert watch.console_errors == []
    assert watch.foreign_requests() == []


def test_keyboard_alone_can_vote(context: Any, site: PollSite) -> None:
    page, _ = open_post(context, site)
    page.locator("#poll-test-tastatur-choice-salatbar").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    # max 2: the third box is disabled, so Tab goes on to the button.
    assert page.locator("#poll-test-tastatur-choice-grill").is_disabled()
    assert page.evaluate("document.activeElement.className") == "poll__submit"
    page.keyboard.press("Enter")
    assert live_text(page, "test-tastatur") == THANKS
    assert exported_total(site, "test-tastatur") == 1


def test_results_go_into_the_repository_and_the_next_build_shows_them(
    context: Any, site: PollSite, tmp_path: Path
) -> None:
    page, _ = open_post(context, site)
    poll = page.locator("#poll-test-schleife")
    vote(poll, "checkbox", "Salatbar", "Werkstattcafé")
    assert live_text(page, "test-schleife") == THANKS
    poll = page.locator("#poll-test-vorschlag")
    poll.get_by_label("Eigene Idee vorschlagen").fill("Eine Velopumpe am Tor")
    poll.get_by_role("button", name=SUBMIT).click()
    live_text(page, "test-vorschlag")
    results, suggestions = tmp_path / "poll-results.json", tmp_path / "poll-suggestions.json"
    task = [sys.executable, "-m", "invoke", "-r", str(ROOT), "poll-results"]
    task += ["--results", str(results), "--suggestions", str(suggestions)]
    task += ["--db", str(site.db), "--manifest", str(site.manifest)]
    done = subprocess.run(task, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    snapshot = json.loads(results.read_text(encoding="utf-8"))["polls"]["test-schleife"]
    assert snapshot["total"] == 1
    assert snapshot["options"] == {"salatbar": 1, "cafe": 1, "grill": 0}
    pending = json.loads(suggestions.read_text(encoding="utf-8"))["pending"]
    assert "Eine Velopumpe am Tor" in [p["text"] for p in pending]
    # The next build, here the read-only one for static hosting, shows the snapshot.
    settings = write_settings(site.folder, site.origin, results, endpoint=False)
    rebuilt = run_build(tmp_path / "output", settings=str(settings))
    assert rebuilt.returncode == 0, rebuilt.log
    section = rebuilt.html(POST.strip("/") + "/index.html").select_one("#poll-test-schleife")
    assert section is not None
    assert section.select("form") == []
    figures = [f.get_text(strip=True) for f in section.select(".poll__result-figure")]
    assert figures == ["1 Stimme (100%)", "1 Stimme (100%)", "0 Stimmen (0%)"]
    assert "Velopumpe" not in str(rebuilt.html(POST.strip("/") + "/index.html"))
    assert vnu_errors([rebuilt.output / POST.strip("/") / "index.html"]) == []
