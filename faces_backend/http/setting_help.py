"""The operator's reference of the backend's `FACES_*` variables: name, default, help.

docs/backend.md lists each of these (a test checks it).
"""

from __future__ import annotations

from typing import NamedTuple

MIN_SECRET_CHARS = 32
# A cap per address below this would lock out readers who share an office address.
MIN_BALLOTS_PER_ADDRESS = 20
DEFAULT_RATE_LIMIT = 600
# The site's default I18N_LOCALE (pelicanconf.py), so both print "52%" alike.
DEFAULT_LOCALE = "de_CH"
DEFAULT_STYLESHEETS = ("/theme/css/site.css", "/theme/css/polls.css")


class SettingHelp(NamedTuple):
    """One environment variable: its name, its default as text and what it does."""

    name: str
    default: str
    help: str


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
    SettingHelp(
        "FACES_TRUST_PROXY",
        "0",
        "Number of reverse proxies in front whose X-Forwarded-For/-Proto entries are trusted.",
    ),
    SettingHelp(
        "FACES_RATE_LIMIT",
        str(DEFAULT_RATE_LIMIT),
        "Posts per minute allowed per client address; generous, as an office shares one address.",
    ),
    SettingHelp("FACES_MAX_BODY", "16384", "Largest accepted request body in bytes."),
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
    SettingHelp(
        "FACES_VIEWS_WINDOW",
        "1800",
        "Seconds in which a client's repeated views of one page count once (kept in memory).",
    ),
    SettingHelp(
        "FACES_VIEWS_RATE_LIMIT",
        "60",
        "Counted page views per minute allowed per client (in memory); 429 above.",
    ),
)
