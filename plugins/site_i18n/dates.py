"""Date filters that format with Babel's CLDR data, not the machine's locales.

One date format per language, in a long and a short form (DATE_FORMS); a template names the
form, never a pattern, so every date on the site reads alike. Months (archive headings, chart
labels) have their own two forms.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format

# The form's name -> Babel's pattern name: "long" = 6. Dezember 2026 / 6 December 2026,
# "short" = 06.12.2026 / 6 Dec 2026 (CLDR's "medium": a four-digit year, in tables).
DATE_FORMS: Final = {"long": "long", "short": "medium"}
# Dezember 2026 / December 2026; Dez. / Dec (chart labels).
MONTH_FORMS: Final = {"long": "LLLL yyyy", "short": "LLL"}


def _form(forms: dict[str, str], form: str, what: str) -> str:
    if form not in forms:
        raise ValueError(
            f"The {what} filter has no form {form!r}. Use {' or '.join(map(repr, forms))}: "
            "the site shows every date in one of these forms."
        )
    return forms[form]


def make_filters(locale_name: str, timezone: str) -> dict[str, Callable[..., str]]:
    """Return Jinja filters bound to one locale and timezone."""
    zone = ZoneInfo(timezone)
    # Parsed once: Babel parses a locale name anew on every call (a third of a datetime's cost).
    locale = Locale.parse(locale_name)
    # How the locale joins a date and a time ("{1}, {0}"), read once.
    joiner = str(get_datetime_format("medium", locale=locale)).replace("'", "")

    def aware(value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo else value.replace(tzinfo=zone)

    # Listing pages show the same dates again and again; Babel takes ~50 µs per call.
    @functools.lru_cache(maxsize=4096)
    def cached_date(day: dt.date, form: str) -> str:
        return format_date(day, format=_form(DATE_FORMS, form, "date"), locale=locale)

    def date(value: dt.date | dt.datetime | str, form: str = "long") -> str:
        """A day in the long or the short form; a datetime's day where it happened."""
        if isinstance(value, str):
            try:
                return cached_date(dt.date.fromisoformat(value.strip()), form)
            except ValueError:
                return value  # a date as an author wrote it; the content checks report it
        day = aware(value).astimezone(zone).date() if isinstance(value, dt.datetime) else value
        return cached_date(day, form)

    @functools.lru_cache(maxsize=4096)
    def cached_time(moment: dt.time) -> str:
        return format_time(moment, format="short", locale=locale)

    def datetime(value: dt.datetime, form: str = "short") -> str:
        """A moment: the day in the long or the short form, and the time of day."""
        local = aware(value).astimezone(zone)
        return joiner.replace("{0}", cached_time(local.time())).replace(
            "{1}", cached_date(local.date(), form)
        )

    def isodate(value: Any) -> str:
        if isinstance(value, dt.datetime):
            return aware(value).isoformat(timespec="seconds")
        return value.isoformat()

    def month(value: dt.date | dt.datetime, form: str = "long") -> str:
        """A month: "Dezember 2026" (long) or "Dez." (short, chart labels)."""
        return format_date(value, format=_form(MONTH_FORMS, form, "month"), locale=locale)

    return {"date": date, "datetime": datetime, "isodate": isodate, "month": month}
