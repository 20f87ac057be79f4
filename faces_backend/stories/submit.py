"""POST /stories: from a posted proposal to a pending story in the editors' queue."""

from __future__ import annotations

import html
from functools import partial

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from faces_backend.http.accept import prefers_json
from faces_backend.http.form_stamp import StampRefused
from faces_backend.http.forms import FieldProblem
from faces_backend.http.gate import Screened
from faces_backend.http.pages import PAGE_HEADERS, hidden_inputs, note, page, paragraphs
from faces_backend.http.settings import Language
from faces_backend.http.stamped_post import take_stamped_post
from faces_backend.stories.answers import Outcome, respond
from faces_backend.stories.form import StoryForm, collect_story
from faces_backend.stories.messages import field_text, say
from faces_backend.stories.state import Stories, stories_of
from faces_backend.stories.store import NewStory, StoryRefused, insert_story, new_id


async def submit_story(request: Request) -> Response:
    """Take one proposal: check everything, then ask to confirm (no script) or store it."""
    stories = stories_of(request)
    unavailable = Outcome("unavailable", say(stories.services.settings.language, "unavailable"))
    decide = partial(_decide, request, stories)
    return await take_stamped_post(request, stories.services, decide, respond, unavailable)


async def story_stamp(request: Request) -> Response:
    """Hand out a signed form stamp (the form's script fetches one before sending)."""
    stories = stories_of(request)
    headers = {
        "Cache-Control": "no-store",
        **stories.services.origins.cors_headers(request.headers),
    }
    return JSONResponse({"stamp": stories.stamps.issue()}, headers=headers)


async def _decide(request: Request, stories: Stories, screened: Screened) -> Outcome | Response:
    language = stories.services.settings.language
    refusal = screened.refusal
    if refusal is not None and refusal.retry_after is not None:
        wait = refusal.retry_after
        message = say(language, "rate_limited", seconds=wait)
        return Outcome("rate_limited", message, {"retry_after": wait}, retry_after=wait)
    if refusal is not None:
        return Outcome(refusal.status, say(language, refusal.status))
    form = collect_story(screened.fields, stories.settings)
    back = screened.next_url
    if form.problem is not None:
        return _invalid(language, form.problem, back)
    want_json = prefers_json(request.headers.get("accept", ""))
    try:
        stamp = stories.stamps.check(form.stamp)
    except StampRefused as refused:
        if want_json:
            return _invalid(language, FieldProblem("stamp", refused.problem), back)
        shown = (
            "" if refused.problem == "missing" else field_text(language, "stamp", refused.problem)
        )
        return _check_page(request, stories, form, shown)
    received = Outcome("received", say(language, "received"), back_url=back)
    if screened.honeypot:
        return received  # looks like success to the bot; nothing is stored
    story = NewStory(
        form.about, form.text, form.person, form.department, form.proposer, form.contact
    )
    job = partial(
        insert_story,
        story=story,
        story_id=new_id(),
        nonce=stamp.nonce,
        nonce_expires=stamp.issued + stories.settings.max_seconds,
    )
    try:
        await stories.services.store.write(job)
    except StoryRefused:
        return Outcome("replayed", say(language, "replayed"), back_url=back)
    return received


def _invalid(language: Language, problem: FieldProblem, back: str | None) -> Outcome:
    message = field_text(language, problem.field, problem.error, problem.limit)
    extra = {"field": problem.field, "error": problem.error}
    return Outcome("invalid", message, extra, back_url=back)


def _check_page(request: Request, stories: Stories, form: StoryForm, shown: str) -> Response:
    """Show the proposal once more with a fresh stamp: a plain form cannot carry one."""
    settings = stories.services.settings
    language = settings.language
    rows = [
        ("about", say(language, f"about.{form.about}")),
        ("person", form.person),
        ("department", form.department),
        ("proposer", form.proposer),
        ("contact", form.contact),
    ]
    facts = "".join(
        f"<dt>{html.escape(say(language, f'label.{name}'))}</dt><dd>{html.escape(value)}</dd>\n"
        for name, value in rows
        if value
    )
    action = request.scope.get("root_path", "").rstrip("/") + "/stories"
    fields = {**form.hidden_fields(), "stamp": stories.stamps.issue()}
    body = (
        (note(shown, ok=False) if shown else "")
        + f'<section class="story-check" aria-labelledby="story-check-title">\n'
        f'<h2 id="story-check-title">{html.escape(say(language, "check"))}</h2>\n'
        f"<dl>\n{facts}</dl>\n"
        f"<h3>{html.escape(say(language, 'label.text'))}</h3>\n{paragraphs(form.text)}"
        f'<form method="post" action="{html.escape(action)}">\n{hidden_inputs(fields)}'
        f'<button type="submit">{html.escape(say(language, "confirm"))}</button>\n</form>\n'
        f"<p>{html.escape(say(language, 'edit_hint'))}</p>\n</section>\n"
    )
    document = page(
        say(language, "page_title"), body, language=language, stylesheets=settings.stylesheets
    )
    return HTMLResponse(document, headers=PAGE_HEADERS)
