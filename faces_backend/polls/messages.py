"""The texts readers see, in German and English: one per status word and field problem."""

from __future__ import annotations

from faces_common.voice import voiced

from faces_backend.http.forms import FieldProblem
from faces_backend.http.setting_values import Voice

STATUS_MESSAGES: dict[str, dict[str, str]] = {
    "de": {
        "counted": "Danke! Ihre Stimme wurde gezählt.",
        "suggestion_queued": (
            "Danke für Ihren Vorschlag! Er erscheint, sobald die Redaktion ihn freigegeben hat."
        ),
        "malformed": "Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu.",
        "origin_not_allowed": (
            "Abstimmen ist nur über die Seiten des Blogs möglich. Bitte öffnen Sie den Beitrag "
            "im Blog und stimmen Sie dort ab."
        ),
        "not_signed_in": "Bitte melden Sie sich an, um abzustimmen.",
        "unknown_poll": "Diese Umfrage gibt es nicht (mehr).",
        "already_voted": (
            "Sie haben bei dieser Umfrage bereits abgestimmt: Von diesem Browser wurde hier "
            "schon eine Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich "
            "nicht ändern. Hat jemand anderes an diesem Gerät abgestimmt, stimmen Sie bitte "
            "von Ihrem eigenen Gerät ab."
        ),
        "closed": "Diese Umfrage ist beendet. Es werden keine Stimmen mehr angenommen.",
        "too_large": "Die Anfrage ist zu groß. Bitte kürzen Sie Ihren Vorschlag.",
        "invalid": "Die Angaben im Formular sind ungültig.",
        "unavailable": (
            "Die Abstimmung ist gerade nicht möglich. Bitte versuchen Sie es später noch einmal."
        ),
        "rate_limited": (
            "Von Ihrer Netzwerkadresse kamen gerade sehr viele Stimmen (in einem Firmennetz "
            "teilen sich viele Menschen eine Adresse). Ihre Stimme wurde noch nicht gezählt: "
            "Bitte versuchen Sie es in {seconds} noch einmal."
        ),
        "address_limit": (
            "Von Ihrer Netzwerkadresse wurden bei dieser Umfrage heute schon {limit} Stimmen "
            "abgegeben, mehr lässt der Betreiber pro Adresse und Tag nicht zu (in einem "
            "Firmennetz teilen sich viele Menschen eine Adresse). Ihre Stimme wurde nicht "
            "gezählt: Bitte stimmen Sie morgen oder aus einem anderen Netz ab, z. B. mobil."
        ),
    },
    # Only the texts that address the reader, for FACES_ADDRESS=du (faces_common.voice).
    "de@du": {
        "counted": "Danke! Deine Stimme wurde gezählt.",
        "suggestion_queued": (
            "Danke für deinen Vorschlag! Er erscheint, sobald die Redaktion ihn freigegeben hat."
        ),
        "malformed": "Die Anfrage konnte nicht gelesen werden. Bitte lade die Seite neu.",
        "origin_not_allowed": (
            "Abstimmen ist nur über die Seiten des Blogs möglich. Bitte öffne den Beitrag "
            "im Blog und stimm dort ab."
        ),
        "not_signed_in": "Bitte melde dich an, um abzustimmen.",
        "already_voted": (
            "Du hast bei dieser Umfrage bereits abgestimmt: Von diesem Browser wurde hier "
            "schon eine Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich "
            "nicht ändern. Hat jemand anderes an diesem Gerät abgestimmt, stimm bitte "
            "von deinem eigenen Gerät ab."
        ),
        "too_large": "Die Anfrage ist zu groß. Bitte kürze deinen Vorschlag.",
        "unavailable": (
            "Die Abstimmung ist gerade nicht möglich. Bitte versuch es später noch einmal."
        ),
        "rate_limited": (
            "Von deiner Netzwerkadresse kamen gerade sehr viele Stimmen (in einem Firmennetz "
            "teilen sich viele Menschen eine Adresse). Deine Stimme wurde noch nicht gezählt: "
            "Bitte versuch es in {seconds} noch einmal."
        ),
        "address_limit": (
            "Von deiner Netzwerkadresse wurden bei dieser Umfrage heute schon {limit} Stimmen "
            "abgegeben, mehr lässt der Betreiber pro Adresse und Tag nicht zu (in einem "
            "Firmennetz teilen sich viele Menschen eine Adresse). Deine Stimme wurde nicht "
            "gezählt: Bitte stimm morgen oder aus einem anderen Netz ab, z. B. mobil."
        ),
    },
    "en": {
        "counted": "Thank you! Your vote has been counted.",
        "suggestion_queued": (
            "Thank you for your suggestion! It appears once the editors have approved it."
        ),
        "malformed": "The request could not be read. Please reload the page.",
        "origin_not_allowed": (
            "Voting works only from the pages of this blog. Please open the post on the blog "
            "and vote there."
        ),
        "not_signed_in": "Please sign in to vote.",
        "unknown_poll": "This poll does not exist (any more).",
        "already_voted": (
            "You have already voted in this poll: a vote was cast here from this browser. "
            "Everyone votes once, and a vote cannot be changed. If someone else voted on this "
            "device, please vote from your own."
        ),
        "closed": "This poll has ended. No more votes are accepted.",
        "too_large": "The request is too large. Please shorten your suggestion.",
        "invalid": "The form contains invalid values.",
        "unavailable": "Voting is not possible right now. Please try again later.",
        "rate_limited": (
            "Very many votes came from your network address just now (in a company network "
            "many people share one address). Your vote has not been counted yet: please try "
            "again in {seconds}."
        ),
        "address_limit": (
            "{limit} votes in this poll have already come from your network address today, "
            "the most the operator allows per address and day (in a company network many "
            "people share one address). Your vote was not counted: please vote tomorrow or "
            "from another network, e.g. your phone's."
        ),
    },
}

# Other texts: special cases of a status, and the words of the answer page.
TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "already_voted_sso": (
            "Sie haben bei dieser Umfrage bereits abgestimmt: Mit Ihrer Anmeldung wurde hier "
            "schon eine Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich "
            "nicht ändern."
        ),
        "counted_with_suggestion": (
            "Danke! Ihre Stimme wurde gezählt. Ihr Vorschlag erscheint, sobald die Redaktion "
            "ihn freigegeben hat."
        ),
        "retry_suggestion_dropped": (
            "Diese Anfrage wurde schon einmal gesendet und ist angekommen. Ihr Vorschlag darin "
            "wurde dabei nicht gespeichert: Bitte laden Sie die Seite neu und senden Sie ihn "
            "noch einmal."
        ),
        "counted_suggestion_dropped": (
            "Danke! Ihre Stimme wurde gezählt. Ihr Vorschlag wurde nicht gespeichert, weil "
            "diese Anfrage schon einmal mit einem anderen Inhalt angekommen war: Bitte laden "
            "Sie die Seite neu und senden Sie ihn noch einmal."
        ),
        "missing_poll": "Die Anfrage nennt keine Umfrage. Bitte laden Sie die Seite neu.",
        "page_title": "Abstimmung",
        "results_so_far": "Zwischenergebnis",
        "results_final": "Ergebnis",
        "people_one": "{n} Person hat abgestimmt.",
        "people_other": "{n} Personen haben abgestimmt.",
        "votes_one": "{n} Stimme",
        "votes_other": "{n} Stimmen",
        "hidden_after_vote": "Das Zwischenergebnis sehen Sie, sobald Sie abgestimmt haben.",
        "hidden_after_close": "Das Ergebnis wird nach dem Ende der Umfrage veröffentlicht.",
        "back": "Zurück zum Beitrag",
        "second_one": "einer Sekunde",
        "second_other": "{n} Sekunden",
    },
    "de@du": {
        "already_voted_sso": (
            "Du hast bei dieser Umfrage bereits abgestimmt: Mit deiner Anmeldung wurde hier "
            "schon eine Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich "
            "nicht ändern."
        ),
        "counted_with_suggestion": (
            "Danke! Deine Stimme wurde gezählt. Dein Vorschlag erscheint, sobald die Redaktion "
            "ihn freigegeben hat."
        ),
        "retry_suggestion_dropped": (
            "Diese Anfrage wurde schon einmal gesendet und ist angekommen. Dein Vorschlag darin "
            "wurde dabei nicht gespeichert: Bitte lade die Seite neu und sende ihn noch einmal."
        ),
        "counted_suggestion_dropped": (
            "Danke! Deine Stimme wurde gezählt. Dein Vorschlag wurde nicht gespeichert, weil "
            "diese Anfrage schon einmal mit einem anderen Inhalt angekommen war: Bitte lade "
            "die Seite neu und sende ihn noch einmal."
        ),
        "missing_poll": "Die Anfrage nennt keine Umfrage. Bitte lade die Seite neu.",
        "hidden_after_vote": "Das Zwischenergebnis siehst du, sobald du abgestimmt hast.",
    },
    "en": {
        "already_voted_sso": (
            "You have already voted in this poll: a vote was cast here with your sign-in. "
            "Everyone votes once, and a vote cannot be changed."
        ),
        "counted_with_suggestion": (
            "Thank you! Your vote has been counted. Your suggestion appears once the editors "
            "have approved it."
        ),
        "retry_suggestion_dropped": (
            "This request had already been sent and has arrived. The suggestion in it was not "
            "stored: please reload the page and send it again."
        ),
        "counted_suggestion_dropped": (
            "Thank you! Your vote has been counted. Your suggestion was not stored, because "
            "this request had already arrived with other content: please reload the page and "
            "send it again."
        ),
        "missing_poll": "The request names no poll. Please reload the page.",
        "page_title": "Poll",
        "results_so_far": "Results so far",
        "results_final": "Results",
        "people_one": "{n} person voted.",
        "people_other": "{n} people voted.",
        "votes_one": "{n} vote",
        "votes_other": "{n} votes",
        "hidden_after_vote": "You see the results so far once you have voted.",
        "hidden_after_close": "The results will be published when the poll has ended.",
        "back": "Back to the post",
        "second_one": "one second",
        "second_other": "{n} seconds",
    },
}

FIELD_MESSAGES: dict[str, dict[tuple[str, str], str]] = {
    "de": {
        ("choice", "unknown_option"): "Bitte wählen Sie eine der angebotenen Ideen.",
        ("choice", "duplicate"): "Jede Idee kann nur einmal gewählt werden.",
        ("choice", "missing"): "Bitte wählen Sie eine Idee aus.",
        ("choice", "missing_or_suggest"): (
            "Bitte wählen Sie eine Idee aus oder schlagen Sie eine eigene vor."
        ),
        ("choice", "too_many_one"): "Bitte wählen Sie nur eine Idee.",
        ("choice", "too_many"): "Bitte wählen Sie höchstens {limit} Ideen.",
        ("suggestion", "too_long"): "Ihr Vorschlag ist zu lang (höchstens {limit} Zeichen).",
        ("suggestion", "not_accepted"): (
            "Bei dieser Umfrage können keine eigenen Ideen vorgeschlagen werden."
        ),
        ("_sid", "invalid"): (
            "Das Feld „_sid“ muss aus 8 bis 64 Zeichen A–Z, a–z, 0–9, _ oder - bestehen."
        ),
        ("*", "unknown_field"): "Das Formular enthält das unbekannte Feld „{field}“.",
        ("*", "repeated"): "Das Feld „{field}“ darf nur einmal vorkommen.",
        ("*", "too_long"): "Das Feld „{field}“ ist zu lang (höchstens {limit} Zeichen).",
    },
    "de@du": {
        ("choice", "unknown_option"): "Bitte wähle eine der angebotenen Ideen.",
        ("choice", "missing"): "Bitte wähle eine Idee aus.",
        ("choice", "missing_or_suggest"): (
            "Bitte wähle eine Idee aus oder schlag eine eigene vor."
        ),
        ("choice", "too_many_one"): "Bitte wähle nur eine Idee.",
        ("choice", "too_many"): "Bitte wähle höchstens {limit} Ideen.",
        ("suggestion", "too_long"): "Dein Vorschlag ist zu lang (höchstens {limit} Zeichen).",
    },
    "en": {
        ("choice", "unknown_option"): "Please choose one of the ideas offered.",
        ("choice", "duplicate"): "Each idea can be chosen only once.",
        ("choice", "missing"): "Please choose an idea.",
        ("choice", "missing_or_suggest"): "Please choose an idea or suggest one of your own.",
        ("choice", "too_many_one"): "Please choose only one idea.",
        ("choice", "too_many"): "Please choose at most {limit} ideas.",
        ("suggestion", "too_long"): "Your suggestion is too long (at most {limit} characters).",
        ("suggestion", "not_accepted"): "This poll does not take suggestions of your own.",
        ("_sid", "invalid"): (
            "The field “_sid” must be 8 to 64 characters of A–Z, a–z, 0–9, _ or -."
        ),
        ("*", "unknown_field"): "The form contains the unknown field “{field}”.",
        ("*", "repeated"): "The field “{field}” may appear only once.",
        ("*", "too_long"): "The field “{field}” is too long (at most {limit} characters).",
    },
}


def status_message(voice: Voice, status: str, **values: object) -> str:
    """Return the reader's message for a status word, with its values filled in."""
    return voiced(STATUS_MESSAGES, voice)[status].format(**values)


def text(voice: Voice, key: str, **values: object) -> str:
    """Return one of the other texts (special cases, answer page words), filled in."""
    return voiced(TEXTS, voice)[key].format(**values)


def seconds(voice: Voice, count: int) -> str:
    """A wait in seconds with its noun in the right number ("einer Sekunde", "30 Sekunden")."""
    return text(voice, "second_one" if count == 1 else "second_other", n=count)


def field_message(
    problem: FieldProblem, *, suggestions: bool = False, language: Voice = "de"
) -> str:
    """Return the explanation of a field problem (`suggestions`: the poll takes ideas)."""
    error = problem.error
    if problem == FieldProblem("choice", "missing") and suggestions:
        error = "missing_or_suggest"
    elif problem.field == "choice" and error == "too_many" and problem.limit == 1:
        error = "too_many_one"
    table = voiced(FIELD_MESSAGES, language)
    template = table.get((problem.field, error)) or table.get(("*", error))
    if template is None:
        return status_message(language, "invalid")
    return template.format(field=problem.field, limit=problem.limit)
