"""A post's HTML for the templates, without Pelican's memo keeping a second copy of it.

Pelican memoises `get_content(siteurl)` for every post for the whole build. Where the HTML
links to other content (`{filename}`, `{static}`), the memo holds a second, rewritten copy
beside the post's own `_content`: at 10,000 synthetic posts 2,900 of them, about 14 MiB, most
of it made while the post pages are written (docs/benchmarks.md, session 10). Here a post
whose HTML needs no rewriting remembers that (one tuple, no copy) and one that does rewrites
it again on each request: a regular-expression pass of about 26 µs, asked for two or three
times per post (its page, its summary, a feed). Pelican memoises `get_summary` the same way,
keyed by the post: for a post with a `Summary:` field the answer is that field, so the memo only
adds an entry per post (and keeps every post of an earlier build in a preview's process).
"""

from __future__ import annotations

from pelican.contents import Content
from pelican.utils import (
    strip_toc_elements_from_html,
    truncate_html_paragraphs,
    truncate_html_words,
)

# Pelican's get_content without its memo (memoized keeps the function as .func).
_UNMEMOISED = Content.__dict__["get_content"].func
_SAME = "_safe_html_same_html"


class OwnHtml(Content):
    """Content whose get_content keeps no copy of the HTML between calls."""

    def get_content(self, siteurl: str) -> str:
        """The HTML with links for siteurl, as Pelican's get_content returns it."""
        own = self._get_content() if hasattr(self, "_get_content") else self._content
        same = self.__dict__.get(_SAME)
        # By identity: a plugin that replaces _content afterwards gets its new text rewritten.
        if same is not None and same[0] == siteurl and same[1] is own:
            return own
        made: str = _UNMEMOISED(self, siteurl)
        if made is own:
            self.__dict__[_SAME] = (siteurl, own)
        return made

    def get_summary(self, siteurl: str) -> str:
        """The summary as Pelican's get_summary returns it; a Summary field is not memoised."""
        if "summary" in self.metadata:
            summary: str = self.metadata["summary"]
            return summary
        # Pelican's own steps, but on the HTML as plain text: Pelican cuts `self.content`, which
        # is Markup here, and every `+=` of truncate_html_words then escaped what it added, the
        # closing tags included (a card ended in "…&lt;/p&gt;").
        content = str(self.get_content(siteurl))
        max_paragraphs = self.settings.get("SUMMARY_MAX_PARAGRAPHS")
        if max_paragraphs is not None:
            content = truncate_html_paragraphs(content, max_paragraphs)
        max_words = self.settings["SUMMARY_MAX_LENGTH"]
        if max_words is not None:
            content = truncate_html_words(content, max_words, self.settings["SUMMARY_END_SUFFIX"])
        return strip_toc_elements_from_html(content)
