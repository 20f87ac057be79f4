"""Find author-supplied markup that could run script on the page: tags, event handlers, URLs."""

from __future__ import annotations

import bisect
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Markup that runs script, or loads or sends the page elsewhere, wherever it points.
_ALWAYS = {"script", "base", "applet", "frame", "frameset"}
# Markup that embeds or sends to another document: allowed only from hosts the site names.
_EMBEDS = {"iframe": ("src",), "object": ("data",), "embed": ("src",), "form": ("action",)}
# Attributes whose value the browser follows as an address.
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcdoc",
}
# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg", "data:text/xml")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_HEAD = re.compile(r"\A.*?(?=<body\b)", re.DOTALL | re.IGNORECASE)
# The first line of a Markdown post's header ("Title: …"); rst headers are fields (":title:").
_HEADER_LINE = re.compile(r"^[A-Za-z][\w-]*:")
# [text](target) and [id]: target in Markdown; `text <target>`_ and .. _id: target in rst.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(?P<ref>\S+)", re.M)
_RST_LINK = re.compile(r"<(?P<url>[^<>`]+)>`_|^\s*\.\. _[^:]+:\s*(?P<ref>\S+)", re.M)


# (line, column, what, host): one place that could run script or embed another site's page;
# host is the other site's name for embeds (allowed where CHECKS_EMBED_HOSTS names it), else "".
Finding = tuple[int, int, str, str]


def is_script_url(value: str) -> bool:
    """True if a browser would run the address as script (javascript:, data:text/html, …)."""
    squeezed = _IGNORED_IN_SCHEME.sub("", value).lower()
    return squeezed.startswith(_SCRIPT_SCHEMES)


class _Scanner(HTMLParser):
    """Collect every tag and attribute in HTML that could run script or load another site."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        column = offset + 1

        def add(what: str, host: str = "") -> None:
            self.found.append((line, column, what, host))

        if tag in _ALWAYS:
            add(f"<{tag}>")
        if tag == "meta" and any(
            n == "http-equiv" and (v or "").strip().lower() == "refresh" for n, v in attrs
        ):
            add('<meta http-equiv="refresh">')
        for name, value in attrs:
            if name.startswith("on"):
                add(f"{name}=")
            elif name == "srcdoc":
                add(f"<{tag} srcdoc>")
            elif name in _URL_ATTRIBUTES and value and is_script_url(value):
                add(f'{name}="{_shown(value)}"')
        values = dict(attrs)
        if tag == "meta" and "<" in (values.get("content") or ""):
            # Pelican hands a meta value to the templates as it is, markup and all.
            inner = _Scanner()
            inner.feed(values["content"] or "")
            inner.close()
            self.found += [(line, column, what, host) for _, _, what, host in inner.found]
        if tag in _EMBEDS:
            for name in _EMBEDS[tag]:
                host = urlsplit((values.get(name) or "").strip()).hostname
                if host:
                    add(f"<{tag} {name}=…{host}…>", host.lower())

    handle_startendtag = handle_starttag


def active_markup(text: str, format_: str) -> list[Finding]:
    """Every place in a source that could run script in a reader's browser, in text order."""
    # Header fields never reach the page as markup: the theme escapes them and a Summary goes
    # through the sanitizer (safe_html), so only the body is scanned. A title that talks about
    # "<script>" is a legitimate title.
    body = _blank(text, _HTML_HEAD) if format_ == "html" else _without_header(text)
    if format_ == "rst":
        visible = body
        links = _RST_LINK
    else:
        # Markdown escapes code and drops comments, so what is there is text, not markup.
        visible = _without_code(_blank(body, _COMMENT)) if format_ == "markdown" else body
        links = _MARKDOWN_LINK
    found: list[Finding] = []
    if format_ != "rst":
        scanner = _Scanner()
        scanner.feed(visible)
        scanner.close()
        found += scanner.found
    if format_ != "html":
        starts = _line_starts(visible)
        for match in links.finditer(visible):
            group = "url" if match["url"] is not None else "ref"
            if is_script_url(match[group]):
                line, column = _position(starts, match.start(group))
                found.append((line, column, _shown(match[group]), ""))
    return sorted(set(found))


def _without_header(text: str) -> str:
    """The text with its `Field: value` header (up to the first blank line) blanked out."""
    lines = text.split("\n")
    if not lines or not _HEADER_LINE.match(lines[0]):
        return text
    for number, line in enumerate(lines):
        if not line.strip():
            break
        lines[number] = " " * len(line)
    return "\n".join(lines)


def _shown(url: str) -> str:
    return _IGNORED_IN_SCHEME.sub("", url)[:40]


def _without_code(text: str) -> str:
    """The Markdown with fenced and indented code blocks and code spans blanked out."""
    lines = text.splitlines(keepends=True)
    fence: str | None = None
    in_list = False
    previous_blank = True
    previous_code = False
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        blank = not line.strip()
        code = False
        if fence is not None:
            code = True
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence):
                fence = None
        elif match:
            fence, code = match["fence"], True
        elif not blank and line[:1] not in (" ", "\t"):
            in_list = bool(_LIST_ITEM.match(line))
        elif line.startswith(("    ", "\t")) and not in_list and (previous_blank or previous_code):
            # Indented code; inside a list the indent continues the item, and HTML there is live.
            code = True
        if code:
            lines[index] = _spaces(line)
        previous_blank, previous_code = blank, code and fence is None and not match
    return _blank("".join(lines), _CODE_SPAN)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: _spaces(m.group()), text)


def _spaces(text: str) -> str:
    # Keep line breaks so that every line and column stays where it was.
    return re.sub(r"[^\n]", " ", text)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
