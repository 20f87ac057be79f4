"""Content negotiation shared by every form: does the client want JSON or a page?"""

from __future__ import annotations


def prefers_json(accept: str) -> bool:
    """Return whether an Accept header ranks application/json above text/html.

    Each type takes the quality of its most specific matching range; on equal quality the
    more specific mention wins, and on a full tie (`*/*`) the answer is HTML.
    """
    best: dict[str, tuple[float, int]] = {"json": (0.0, -1), "html": (0.0, -1)}
    ranges = {
        "application/json": ("json", 2),
        "application/*": ("json", 1),
        "text/html": ("html", 2),
        "text/*": ("html", 1),
    }
    for item in accept.split(","):
        media, _, params = item.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        matches = [ranges[media]] if media in ranges else []
        if media == "*/*":
            matches = [("json", 0), ("html", 0)]
        for kind, specificity in matches:
            if specificity > best[kind][1]:
                best[kind] = (quality, specificity)
    return best["json"][0] > 0 and best["json"] > best["html"]
