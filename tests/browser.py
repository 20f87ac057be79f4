"""Real Chromium (Debian's package) driven by Playwright, plus the axe-core accessibility check."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.tools import AXE_JS, CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium() -> Iterator[Any]:
    """Yield a Playwright Browser; fail (never skip) when Chromium is missing."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `uv run invoke test`, which installs it."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """What a page did while loading: its requests and console errors."""

    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[tuple[str, int]] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        """Start recording on a Playwright page."""
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.failed.append((response.url, response.status))
            ),
        )

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the site's own."""
        own = urlsplit(self.origin)
        return [
            url
            for url in self.requests
            if not url.startswith("data:") and urlsplit(url).netloc != own.netloc
        ]


def watched_page(opener: Any, origin: str, **options: Any) -> tuple[Any, PageWatch]:
    """A new page of a browser or context, watched from its first request on."""
    page = opener.new_page(**options)
    watch = PageWatch(origin)
    watch.attach(page)
    return page, watch


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page and return its violations (id, impact, nodes)."""
    page.add_script_tag(path=AXE_JS)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result
    ]


def axe_violations_of_copy(browser: Any, page: Any) -> list[dict[str, Any]]:
    """Run axe-core on a copy of what `page` shows, in a context whose CSP lets axe run.

    The backend's pages forbid every script by their Content-Security-Policy, axe too.
    """
    context = browser.new_context(bypass_csp=True)
    try:
        copy = context.new_page()
        copy.set_content(page.content())
        return axe_violations(copy)
    finally:
        context.close()
