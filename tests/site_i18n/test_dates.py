"""The date filters: the cached date and time parts read exactly as Babel writes them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime
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
    datetime = make_filters(locale, zone)["datetime"]
    for moment in MOMENTS:
        aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))
        for format in ("short", "medium", "long", "full", "yyyy-MM-dd HH:mm zzzz"):
            expected = format_datetime(aware, format=format, tzinfo=ZoneInfo(zone), locale=locale)
            # Twice: the second answer comes from the caches.
            assert datetime(moment, format) == datetime(moment, format) == expected
