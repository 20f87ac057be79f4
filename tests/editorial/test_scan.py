"""Images and links are found in the raw Markdown with their line and column, outside code."""

from __future__ import annotations

from editorial.checks.scan import IMAGE, LINK, Fence, Reference, scan_body

TEXT = """\
Title: Beispiel
Author: miriam-keller

Ein ![Bild](a.png "Titel") und ein [Link]({filename}/posts/b.md).
`![kein Bild](code.png)` und \\[kein Link](c.md)
[![inneres Bild](d.png)](https://example.com/)

```poll
id: abc
![kein Bild](e.png)
```

<!-- ![kein Bild](f.png)
[kein Link](g.md) -->
Nach dem Kommentar: <img src="h.png" alt="Ein Bild"> und [letzter](i.md).
"""


def test_references_outside_code_and_comments_with_line_and_column() -> None:
    references, _ = scan_body(TEXT, 4)
    assert references == [
        Reference(IMAGE, "a.png", "Bild", 4, 5),
        Reference(LINK, "{filename}/posts/b.md", "Link", 4, 36),
        Reference(IMAGE, "d.png", "inneres Bild", 6, 2),
        Reference(IMAGE, "h.png", "Ein Bild", 15, 21),
        Reference(LINK, "i.md", "letzter", 15, 58),
    ]


def test_fenced_blocks_with_their_first_and_last_line() -> None:
    _, fences = scan_body(TEXT, 4)
    assert fences == [Fence("poll", 8, 11)]


def test_an_unclosed_fence_runs_to_the_end() -> None:
    _, fences = scan_body("T: x\n\n~~~\n![a](b.png)\n", 3)
    assert fences == [Fence("", 3, 4)]
    assert scan_body("T: x\n\n~~~\n![a](b.png)\n", 3)[0] == []


def test_the_header_is_not_scanned() -> None:
    references, _ = scan_body("Image: [x](y.png)\n\nText.\n", 3)
    assert references == []


def test_a_comment_inside_a_code_block_does_not_end_the_block() -> None:
    # A poll question that mentions "<img …>" and holds a comment: both are text of the block.
    text = (
        "Title: T\n\n"
        "```poll\n"
        'question: "<!-- x --> <img src=x onerror=alert(1)> ![a](b.png)"\n'
        "```\n"
        "![Echt](echt.png)\n"
    )
    references, _ = scan_body(text, 3)
    assert references == [Reference(IMAGE, "echt.png", "Echt", 6, 1)]
