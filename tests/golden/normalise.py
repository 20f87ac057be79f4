"""The one normaliser of golden pages: a built HTML page as one tag or text run per line.

What it keeps, so that a real change shows up in the diff:
- every tag, attribute and text, in document order, nested by indentation;
- escaping exactly as written: `&` stays `&`, `&amp;` stays `&amp;`, in text and in attributes;
- whitespace inside `<pre>` and `<textarea>`, line by line.

What it drops or rewrites, each because it changes without the page changing:
- whitespace between and around tags and runs of whitespace in text (template layout);
- the order of attributes (sorted by name; a template may reorder them freely);
- the content hash in the names of processed photos (16 hex digits,
  `jonas-brenner-5c62fe164558a468-96.jpg` -> `jonas-brenner-{hash}-96.jpg`) and social cards
  (12, `karten/jonas-brenner-2da82f5243f0.jpg`): it follows the image pipeline, which a template
  change does not touch, and would otherwise rewrite every page.

The build itself is made repeatable where it varies (the clock: see `tests/golden/frozen_clock.py`);
this normaliser only takes out layout and hashes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Stands in for "&" while parsing, so the parser neither decodes entities in text nor unescapes
# attribute values: the snapshot shows the escaping the browser gets. A private-use character
# that no page of ours contains (checked).
AMPERSAND_STAND_IN = "\ue000"
INDENT = "  "
VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
WHITESPACE_KEPT = frozenset({"pre", "textarea"})
RAW_TEXT = frozenset({"script", "style"})
CONTENT_HASH = re.compile(r"(?<=-)(?:[0-9a-f]{16}|[0-9a-f]{12})(?=[-.])")
WHITESPACE = re.compile(r"\s+")


class _Serialiser(HTMLParser):
    """Writes each tag, comment and text run of a page on its own indented line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.open_elements: list[str] = []
        self.pending_text: list[str] = []

    def _emit(self, line: str) -> None:
        self.lines.append(INDENT * len(self.open_elements) + line)

    def _markup(self, line: str) -> None:
        self._flush_text()
        self._emit(line)

    def _flush_text(self) -> None:
        data = "".join(self.pending_text)
        self.pending_text.clear()
        if not data:
            return
        if WHITESPACE_KEPT.intersection(self.open_elements):
            for line in data.split("\n"):
                self._emit("|" + line)
        elif self.open_elements and self.open_elements[-1] in RAW_TEXT:
            for line in data.splitlines():
                if line.strip():
                    self._emit(line.strip())
        elif text := WHITESPACE.sub(" ", data).strip():
            self._emit(text)

    def handle_data(self, data: str) -> None:
        # The parser may hand one text run over in pieces (a raw "<" splits it); join them first.
        self.pending_text.append(data)

    def handle_decl(self, decl: str) -> None:
        self._markup(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._markup(_tag(tag, attrs, closed=False))
        if tag not in VOID_ELEMENTS:
            self.open_elements.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._markup(_tag(tag, attrs, closed=True))

    def handle_endtag(self, tag: str) -> None:
        self._flush_text()
        if tag in self.open_elements:
            # Elements left open (an unclosed <li>, say) close with their parent, as in a browser.
            while self.open_elements.pop() != tag:
                pass
        self._emit(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self._markup(f"<!--{WHITESPACE.sub(' ', data)}-->")

    def handle_pi(self, data: str) -> None:
        self._markup(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._markup(f"<![{data}]>")

    def close(self) -> None:
        super().close()
        self._flush_text()


def _tag(name: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> str:
    """One start tag with its attributes sorted by name."""
    parts = [name]
    for attribute, value in sorted(attrs, key=lambda pair: pair[0]):
        if value is None:
            parts.append(attribute)
        else:
            quote = "'" if '"' in value else '"'
            parts.append(f"{attribute}={quote}{value}{quote}")
    return "<" + " ".join(parts) + (" />" if closed else ">")


def normalise_html(page: str) -> str:
    """The page as one tag or text run per line, escaping kept as written, layout dropped."""
    if AMPERSAND_STAND_IN in page:
        raise ValueError("the page contains U+E000, the character the normaliser reserves for '&'")
    serialiser = _Serialiser()
    serialiser.feed(page.replace("&", AMPERSAND_STAND_IN))
    serialiser.close()
    text = "\n".join(serialiser.lines) + "\n"
    return CONTENT_HASH.sub("{hash}", text.replace(AMPERSAND_STAND_IN, "&"))
