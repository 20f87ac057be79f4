"""The date filters: one long and one short form per language, as Babel writes them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_time, get_datetime_format
from site_i18n.dates import make_filters

# Around the spring and autumn clock changes in Zurich and New York, midnight, and a leap day.
MOMENTS = [
    dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC),
    dt.datetime(2028, 2, 29, 23, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 16, 9, 4),  # naive: read in the site's zone
]


@pytest.mark.parametrize("locale", ["de_CH", "en_GB", "en_US", "fr_CH", "ja_JP", "ar_EG"])
@pytest.mark.parametrize("zone", ["Europe/Zurich", "America/New_York"])
def test_datetime_reads_as_babel_writes_it(locale: str, zone: str) -> None:
    filters = make_filters(locale, zone)
    joiner = str(get_datetime_format("medium", locale=locale)).replace("'", "")
    for moment in MOMENTS:
        local = (moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))).astimezone(
            ZoneInfo(zone)
        )
        time = format_time(local.time(), format="short", locale=locale)
        for form, pattern in (("long", "long"), ("short", "medium")):
            day = format_date(local.date(), format=pattern, locale=locale)
            expected = joiner.replace("{0}", time).replace("{1}", day)
            # Twice: the second answer comes from the caches.
            assert filters["datetime"](moment, form) == filters["datetime"](moment, form)
            assert filters["datetime"](moment, form) == expected
            assert filters["date"](moment, form) == day


@pytest.mark.parametrize(
    ("locale", "long", "short", "month"),
    [
        ("de_CH", "6. Dezember 2026", "06.12.2026", "Dezember 2026"),
        ("de_DE", "6. Dezember 2026", "06.12.2026", "Dezember 2026"),
        ("en_GB", "6 December 2026", "6 Dec 2026", "December 2026"),
    ],
)
def test_one_long_and_one_short_form_per_language(
    locale: str, long: str, short: str, month: str
) -> None:
    filters = make_filters(locale, "Europe/Zurich")
    day = dt.date(2026, 12, 6)
    assert filters["date"](day) == filters["date"]("2026-12-06") == long
    assert filters["date"](day, "short") == short
    assert filters["month"](day) == month
    # Late evening in Zurich is the next day in UTC: the day shown is Zurich's.
    assert filters["date"](dt.datetime(2026, 12, 5, 23, 30, tzinfo=dt.UTC)) == long


@pytest.mark.parametrize("form", ["medium", "full", "dd.MM.yy", ""])
def test_a_template_cannot_invent_another_date_format(form: str) -> None:
    filters = make_filters("de_CH", "Europe/Zurich")
    with pytest.raises(ValueError, match=r"has no form .* Use 'long' or 'short'"):
        filters["date"](dt.date(2026, 12, 6), form)
    with pytest.raises(ValueError, match=r"has no form"):
        filters["datetime"](dt.datetime(2026, 12, 6, 9, 0), form)


def test_a_date_an_author_mistyped_stays_as_written() -> None:
    assert make_filters("de_CH", "Europe/Zurich")["date"]("2026-13-01") == "2026-13-01"
