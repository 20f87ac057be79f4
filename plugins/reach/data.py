"""Reading the counts pulled from the backend (content/data/views.json)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

DATA_VERSION = 1


class DataError(ValueError):
    """The counts file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class ViewData:
    """Views per page path and day, as the backend exported them."""

    generated: dt.datetime | None
    paths: dict[str, dict[dt.date, int]]

    @property
    def as_of(self) -> dt.date | None:
        """The last day the counts can cover: the day they were exported (UTC)."""
        if self.generated is not None:
            return self.generated.astimezone(dt.UTC).date()
        days = [day for counts in self.paths.values() for day in counts]
        return max(days) if days else None


def read_view_data(path: str) -> ViewData | None:
    """Return the counts in `path`; None when the file does not exist (nothing pulled yet)."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: {error}") from None
    if not isinstance(data, dict) or data.get("version") != DATA_VERSION:
        raise DataError(f"{path}: expected an object with version {DATA_VERSION}")
    raw_paths = data.get("paths")
    if not isinstance(raw_paths, dict):
        raise DataError(f"{path}: 'paths' must be an object of path -> day -> views")
    paths = {str(page): _days(days, f"{path}: {page!r}") for page, days in raw_paths.items()}
    return ViewData(_moment(data.get("generated"), path), paths)


def _days(raw: Any, where: str) -> dict[dt.date, int]:
    if not isinstance(raw, dict):
        raise DataError(f"{where} must be an object of day -> views")
    days: dict[dt.date, int] = {}
    for day, views in raw.items():
        try:
            date = dt.date.fromisoformat(day)
        except (TypeError, ValueError):
            raise DataError(f"{where}: {day!r} is not a day (YYYY-MM-DD)") from None
        if isinstance(views, bool) or not isinstance(views, int) or views < 0:
            raise DataError(f"{where}: {day}: {views!r} is not a whole number of views")
        days[date] = views
    return days


def _moment(value: Any, path: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise DataError(f"{path}: 'generated' is {value!r}; expected an ISO date-time with offset")
    return moment
