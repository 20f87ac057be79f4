"""A small poll written by a real build: the whole fragment, form and all, as readers get it."""

from __future__ import annotations

import pytest

from tests.idea_polls.helpers import POLL_PLUGINS, canonical, poll_post
from tests.minisite import make_site
from tests.sites import BuildRun, run_build

SMALL = """\
    id: klein
    question: Kaffee oder Tee?
    options:
      - id: kaffee
        label: Kaffee & Kuchen
        description: Aus Singen.
      - id: tee
        label: Tee
    closes: 2099-12-31
    results: after_vote
    suggestions: true
    decision:
      status: planned
      response: Beides kommt <bald>.
"""

STATUS_TEXTS = {
    "counted": ("ok", "Danke! Ihre Stimme wurde gezählt."),
    "suggestion_queued": (
        "ok",
        "Danke für Ihren Vorschlag! Er erscheint, sobald die Redaktion ihn freigegeben hat.",
    ),
    "already_voted": ("problem", "Sie haben bei dieser Abstimmung bereits abgestimmt."),
    "closed": (
        "problem",
        "Diese Abstimmung ist beendet. Es werden keine Stimmen mehr angenommen.",
    ),
    "invalid": (
        "problem",
        "Ihre Auswahl konnte nicht angenommen werden. Bitte prüfen Sie das Formular und "
        "versuchen Sie es noch einmal.",
    ),
    "rate_limited": (
        "problem",
        "Zu viele Versuche in kurzer Zeit. Bitte versuchen Sie es in einer Minute noch einmal.",
    ),
    "origin_not_allowed": ("problem", "Abstimmen ist nur über die Seiten dieses Blogs möglich."),
    "not_signed_in": ("problem", "Bitte melden Sie sich an, um abzustimmen."),
    "unknown_poll": ("problem", "Diese Abstimmung gibt es nicht (mehr)."),
    "malformed": (
        "problem",
        "Die Stimme konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen "
        "Sie es noch einmal.",
    ),
    "too_large": ("problem", "Die Eingabe ist zu lang. Bitte kürzen Sie Ihren Vorschlag."),
    "unavailable": (
        "problem",
        "Abstimmen ist gerade nicht möglich. Bitte versuchen Sie es später noch einmal.",
    ),
}

STATUSES = "\n".join(
    f'<p class="poll__status poll__status--{kind}" id="poll-klein-{word}" data-status="{word}"'
    f' tabindex="-1">{text}</p>'
    for word, (kind, text) in STATUS_TEXTS.items()
)

EXPECTED = f"""
<section class="poll poll--open" data-pagefind-ignore id="poll-klein"
  aria-labelledby="poll-klein-title"
  data-poll="klein" data-results="after_vote" data-max="1"
  data-closes="2099-12-31T23:59:59+01:00" data-results-url="/api/polls/klein/results"
  data-vote-one="{{n}} Stimme" data-vote-other="{{n}} Stimmen"
  data-total-one="{{n}} Person hat abgestimmt" data-total-other="{{n}} Personen haben abgestimmt"
  data-results-title="Aktueller Stand" data-locale="de-CH">
  <p class="poll__kicker">Abstimmung</p>
  <div class="poll__statuses">{STATUSES}</div>
  <p class="poll__live" role="status"></p>
  <p class="poll__voted" hidden="">Sie haben auf diesem Gerät bereits abgestimmt.</p>
  <form class="poll__form" method="post" action="/api/vote">
    <fieldset class="poll__choices" aria-describedby="poll-klein-hint">
      <legend class="poll__question" id="poll-klein-title">Kaffee oder Tee?</legend>
      <p class="poll__hint" id="poll-klein-hint">Wählen Sie eine Idee.
        Abstimmung bis 31. Dezember 2099.</p>
      <div class="poll__option">
        <input type="radio" name="choice" value="kaffee" id="poll-klein-choice-kaffee"
          aria-describedby="poll-klein-choice-kaffee-description">
        <label for="poll-klein-choice-kaffee">Kaffee &amp; Kuchen</label>
        <p class="poll__description" id="poll-klein-choice-kaffee-description">Aus Singen.</p>
      </div>
      <div class="poll__option">
        <input type="radio" name="choice" value="tee" id="poll-klein-choice-tee">
        <label for="poll-klein-choice-tee">Tee</label>
      </div>
    </fieldset>
    <div class="poll__suggest">
      <label for="poll-klein-suggestion">Eigene Idee vorschlagen (freiwillig)</label>
      <textarea id="poll-klein-suggestion" name="suggestion" maxlength="500" rows="3"
        aria-describedby="poll-klein-suggestion-hint"></textarea>
      <p class="poll__hint" id="poll-klein-suggestion-hint">Höchstens 500 Zeichen. Vorschläge
        erscheinen erst, wenn die Redaktion sie freigegeben hat.</p>
    </div>
    <div class="poll__trap">
      <label for="poll-klein-hp">Dieses Feld bitte leer lassen</label>
      <input type="text" id="poll-klein-hp" name="_hp" tabindex="-1" autocomplete="off">
    </div>
    <input type="hidden" name="poll" value="klein">
    <input type="hidden" name="_next" value="https://blog.example.com/2026/klein/#poll-klein">
    <input type="hidden" name="_sid" value="">
    <button type="submit" class="poll__submit">Stimme abgeben</button>
  </form>
  <div class="poll__results" data-poll-results=""></div>
  <div class="poll__decision poll__decision--planned">
    <p><strong>Entscheidung: geplant</strong> – Beides kommt &lt;bald&gt;.</p>
  </div>
</section>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    folder = tmp_path_factory.mktemp("small-poll")
    settings = make_site(
        folder,
        {"klein.md": poll_post("Klein", "klein", SMALL)},
        POLL_PLUGINS
        + 'SITEURL = "https://blog.example.com"\n'
        + 'POLLS_ENDPOINT = "/api/vote"\n'
        + 'POLLS_RESULTS_ENDPOINT = "/api/polls/{poll}/results"\n',
    )
    run = run_build(folder / "output", settings=str(settings), cwd=folder, strict=True)
    assert run.returncode == 0, run.log
    return run


def test_the_whole_poll_fragment(built: BuildRun) -> None:
    section = built.html("2026/klein/index.html").select_one("section.poll")
    assert section is not None
    assert canonical(section) == canonical(EXPECTED)


def test_the_fence_is_replaced_where_it_stood(built: BuildRun) -> None:
    content = built.html("2026/klein/index.html").select_one(".post__content")
    assert content is not None
    names = [child.name for child in content.find_all(recursive=False)]
    assert names == ["p", "section", "p"]
    assert content.select("pre, code") == []


def test_the_script_comes_with_an_open_poll_only(built: BuildRun) -> None:
    page = built.html("2026/klein/index.html")
    scripts = [s.get("src") for s in page.select("script[src]")]
    assert scripts == ["https://blog.example.com/theme/js/polls.js"]
    assert page.select_one("script[src$='polls.js']").has_attr("defer")
    other = built.html("2026/ein-guter-beitrag/index.html")
    assert other.select("script[src$='polls.js']") == []


def test_the_script_stays_small(built: BuildRun) -> None:
    assert (built.output / "theme" / "js" / "polls.js").stat().st_size <= 5 * 1024
