"""The operator's reference of the backend's `FACES_*` variables: name, default, help.

docs/backend.md lists each of these (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

MIN_SECRET_CHARS = 32
# A cap per address below this would lock out readers who share an office address.
MIN_BALLOTS_PER_ADDRESS = 20
# The site's default I18N_LOCALE (pelicanconf.py), so both print "52%" alike.
DEFAULT_LOCALE = "de_CH"
DEFAULT_STYLESHEETS = ("/theme/css/site.css", "/theme/css/polls.css")


class SettingHelp(NamedTuple):
    """One environment variable: its name, its default as text and what it does."""

    name: str
    default: str
    help: str


@dataclass(frozen=True)
class NumberSetting:
    """A whole-number variable: its name, default, range and help, stated once.

    Without `high` it has no upper bound. A bad value asks for `expected` (with `high`, where
    given; else for a number in the range). `setting_values.number` reads it.
    """

    name: str
    default: int
    help: str
    low: int
    high: int | None = None
    expected: str = ""

    @property
    def help_row(self) -> SettingHelp:
        """Its row in the operator's reference."""
        return SettingHelp(self.name, str(self.default), self.help)


TRUST_PROXY = NumberSetting(
    "FACES_TRUST_PROXY",
    0,
    "Number of reverse proxies in front whose X-Forwarded-For/-Proto entries are trusted.",
    0,
    expected="the number of trusted reverse proxies, e.g. 1",
)
RATE_LIMIT = NumberSetting(
    "FACES_RATE_LIMIT",
    600,
    "Posts per minute allowed per client address; generous, as an office shares one address.",
    1,
    expected="a whole number of requests per minute, e.g. 600",
)
MAX_BODY = NumberSetting(
    "FACES_MAX_BODY",
    16384,
    "Largest accepted request body in bytes.",
    256,
    expected="a size in bytes of at least 256, e.g. 16384",
)
VIEWS_WINDOW = NumberSetting(
    "FACES_VIEWS_WINDOW",
    1800,
    "Seconds in which a client's repeated views of one page count once (kept in memory).",
    1,
    expected="a number of seconds of at least 1, e.g. 1800",
)
VIEWS_RATE_LIMIT = NumberSetting(
    "FACES_VIEWS_RATE_LIMIT",
    60,
    "Counted page views per minute allowed per client (in memory); 429 above.",
    1,
    expected="a whole number of views per minute, e.g. 60",
)

# Every stamped form's timing (docs/comments.md lists them with the comment settings).
FORM_MIN_SECONDS = NumberSetting(
    "FACES_FORM_MIN_SECONDS", 3, "A form sent sooner after it was handed out is refused.", 0, 600
)
FORM_MAX_SECONDS = NumberSetting(
    "FACES_FORM_MAX_SECONDS",
    7200,
    "A form older than this is refused (reload the page).",
    60,
    7 * 86400,
)

# The operator's reference: docs/backend.md lists each of these (a test checks it).
SETTINGS: tuple[SettingHelp, ...] = (
    SettingHelp("FACES_DB", "polls.sqlite3", "Path of the SQLite database file."),
    SettingHelp(
        "FACES_DATABASE_URL",
        "(empty: the SQLite file FACES_DB)",
        "postgresql://user:password@host/db to share one PostgreSQL database among several "
        "instances (docs/hosting.md), or sqlite:///path for a SQLite file.",
    ),
    SettingHelp(
        "FACES_MANIFEST",
        "(required)",
        "Path or http(s) URL of the poll manifest written by the site build.",
    ),
    SettingHelp(
        "FACES_ALLOWED_ORIGINS",
        "(required; dev: http://localhost:8000,http://127.0.0.1:8000)",
        "Comma-separated origins (scheme://host[:port]) whose pages may post votes.",
    ),
    SettingHelp(
        "FACES_SECRET",
        "(required; dev: random)",
        f"Server secret for the voter HMACs, at least {MIN_SECRET_CHARS} characters.",
    ),
    SettingHelp("FACES_DEV", "0", "1 = development mode: a random secret, localhost origins."),
    SettingHelp("FACES_DEBUG", "0", "1 = show tracebacks for start-up errors and in answers."),
    SettingHelp(
        "FACES_VOTER_MODE",
        "public",
        "public = cookie plus daily IP hash; header = trusted header from the company SSO.",
    ),
    SettingHelp(
        "FACES_VOTER_HEADER",
        "X-Remote-User",
        "Header set by the SSO proxy with the user's id (voter mode header only).",
    ),
    TRUST_PROXY.help_row,
    RATE_LIMIT.help_row,
    MAX_BODY.help_row,
    SettingHelp(
        "FACES_IP_LIMIT",
        "0",
        "0 = one vote per cookie only; N (at least 20) = also at most N ballots per poll, "
        "address and day (public mode).",
    ),
    SettingHelp(
        "FACES_LANGUAGE",
        "de (en if FACES_LOCALE is en_*)",
        "Language of the messages and answer pages readers see: de or en.",
    ),
    SettingHelp(
        "FACES_ADDRESS",
        "Sie",
        "How German answers address the reader: Sie (formal) or du, as I18N_ADDRESS in the build.",
    ),
    SettingHelp(
        "FACES_LOCALE",
        DEFAULT_LOCALE,
        "The site's Babel locale (as for the build); the answer page prints numbers like the site.",
    ),
    SettingHelp(
        "FACES_STYLESHEETS",
        ",".join(DEFAULT_STYLESHEETS),
        "Comma-separated stylesheets of the site for the answer page (paths on the site's origin).",
    ),
    SettingHelp(
        "FACES_ALLOW_MISSING_ORIGIN",
        "0",
        "1 = accept posts with neither Origin nor Sec-Fetch-Site (e.g. curl); 0 = refuse (403).",
    ),
    SettingHelp(
        "FACES_VIEWS_MANIFEST",
        "(unset: views are not counted)",
        "Path or http(s) URL of the reach manifest written by the site build.",
    ),
    VIEWS_WINDOW.help_row,
    VIEWS_RATE_LIMIT.help_row,
)
