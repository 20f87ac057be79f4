"""Read the header and the visible body of Markdown, reStructuredText and HTML sources."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .active import Finding, active_markup
from .header import Field, Header, parse_header

MARKDOWN = "markdown"
RST = "rst"
HTML = "html"
# The file endings of Pelican's readers, by the format they read.
EXTENSIONS = {
    "md": MARKDOWN,
    "markdown": MARKDOWN,
    "mkd": MARKDOWN,
    "mdown": MARKDOWN,
    "rst": RST,
    "htm": HTML,
    "html": HTML,
}

# The first line of the explanation block `invoke new-post` writes; the block ends with GUIDE_END.
GUIDE_MARKER = "<!-- invoke new-post:"
GUIDE_END = "-->"
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# A reStructuredText section adornment: one punctuation character repeated.
_RST_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1+\s*$")
_RST_FIELD = re.compile(r"^:(?P<name>[^:\s][^:]*):(?:\s+(?P<value>.*))?$")
# ".. text" without "::" is a comment; ".. image::" and the like are content.
_RST_COMMENT = re.compile(r"^\.\.(?:\s(?!.*::)|$)")
# Directives and options that include a file or a URL, or pass HTML through unchecked.
_RST_UNSAFE = re.compile(
    r"^\s*\.\.\s+(?:\|[^|]+\|\s+)?(?P<directive>include|raw)\s*::|^\s+:(?P<option>file|url)\s*:",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    """What the rules read of a file: its header with line numbers and its visible body."""

    format: str
    header: Header
    body: str
    # The line of the first byte that is not UTF-8, if any (the text has U+FFFD there).
    bad_byte_line: int | None = None
    # First and last line of the explanations of `invoke new-post`, while they are still there.
    guide_lines: tuple[int, int] | None = None
    # (line, what) of reStructuredText that reads files of the machine that builds, or raw HTML.
    unsafe: tuple[tuple[int, str], ...] = ()
    # Markup that could run script in a reader's browser, or embed another site's page.
    active: tuple[Finding, ...] = ()


def format_of(path: str) -> str | None:
    """The format of a file by its ending, or None when no reader takes it."""
    return EXTENSIONS.get(path.rsplit(".", 1)[-1].lower()) if "." in path else None


def decode(raw: bytes) -> tuple[str, int | None]:
    """The text of a file, and the line of its first byte that is not UTF-8 (or None)."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw.decode("utf-8-sig", errors="replace"), line


def load_source(path: str, format_: str) -> tuple[str, Source]:
    """Read a file as the rules see it: its text and what they read of it."""
    with open(path, "rb") as file:
        text, bad_line = decode(file.read())
    source = read_source(text, format_)
    return text, dataclasses.replace(source, bad_byte_line=bad_line)


def _with_active(source: Source, text: str) -> Source:
    return dataclasses.replace(source, active=tuple(active_markup(text, source.format)))


def read_source(text: str, format_: str) -> Source:
    """Split a file of the given format into header and visible body."""
    if format_ == RST:
        return _with_active(_read_rst(text), text)
    if format_ == HTML:
        return _with_active(_read_html(text), text)
    header = parse_header(text)
    body = "\n".join(text.splitlines()[header.body_line - 1 :]) if header.fields else text
    # The explanation block of `invoke new-post` is an HTML comment: nobody sees it.
    source = Source(MARKDOWN, header, _HTML_COMMENT.sub("", body).strip(), None, _guide(text))
    return _with_active(source, text)


def _guide(text: str) -> tuple[int, int] | None:
    if GUIDE_MARKER not in text:
        return None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(GUIDE_MARKER):
            last = next(
                (n for n in range(number, len(lines) + 1) if GUIDE_END in lines[n - 1]),
                len(lines),
            )
            return number, last
    return None


def _read_rst(text: str) -> Source:
    lines = text.lstrip("\ufeff").splitlines()
    fields: list[Field] = []
    number = _skip_blank(lines, 0)
    title = _rst_title(lines, number)
    if title is not None:
        fields.append(Field("title", title[0], title[1]))
        number = _skip_blank(lines, title[2])
    # The docinfo: a field list right at the start (after the title).
    while number < len(lines):
        match = _RST_FIELD.match(lines[number])
        if match:
            fields.append(Field(match["name"], (match["value"] or "").strip(), number + 1))
        elif lines[number].startswith((" ", "\t")) and fields and fields[-1].key != "title":
            last = fields[-1]
            fields[-1] = Field(last.name, f"{last.value} {lines[number].strip()}", last.line)
        else:
            break
        number += 1
    number = _skip_blank(lines, number)
    body = [line for line in lines[number:] if not _RST_COMMENT.match(line)]
    unsafe = tuple(
        (index + 1, (match["directive"] or f":{match['option']}:").lower())
        for index, line in enumerate(lines)
        if (match := _RST_UNSAFE.match(line))
    )
    return Source(RST, Header(fields, number + 1, []), "\n".join(body).strip(), unsafe=unsafe)


def _rst_title(lines: list[str], at: int) -> tuple[str, int, int] | None:
    """The document title as (text, line, index after it), or None."""
    window = [*lines[at : at + 3], "", "", ""]
    if _RST_ADORNMENT.match(window[0]) and window[1].strip() and _RST_ADORNMENT.match(window[2]):
        return window[1].strip(), at + 2, at + 3
    if window[0].strip() and _RST_ADORNMENT.match(window[1]) and not _RST_FIELD.match(window[0]):
        return window[0].strip(), at + 1, at + 2
    return None


def _skip_blank(lines: list[str], at: int) -> int:
    while at < len(lines) and not lines[at].strip():
        at += 1
    return at


class _HtmlHeader(HTMLParser):
    """Collect <title>, <meta name content> and the visible text of <body>, with lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[Field] = []
        self.body: list[str] = []
        self.body_line = 0
        self._in_title = False
        self._in_body = False
        self._title: list[str] = []
        self._title_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = dict(attrs)
        if tag == "title":
            self._in_title, self._title_line = True, line
        elif tag == "meta" and values.get("name") and not self._in_body:
            self.fields.append(
                Field(str(values["name"]), (values.get("content") or "").strip(), line)
            )
        elif tag == "body":
            self._in_body, self.body_line = True, line
        elif tag in ("img", "video", "iframe", "svg") and self._in_body:
            self.body.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.fields.append(Field("title", "".join(self._title).strip(), self._title_line))
        elif tag == "body":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._in_body:
            self.body.append(data)


def _read_html(text: str) -> Source:
    parser = _HtmlHeader()
    parser.feed(text)
    parser.close()
    return Source(
        HTML,
        Header(parser.fields, parser.body_line or 1, []),
        "".join(parser.body).strip(),
    )
