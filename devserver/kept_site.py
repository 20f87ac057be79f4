"""The last full build, kept in memory, to render one edited post's page again without Pelican.

A full build reads every post, groups them, runs every plugin and writes every page; an edit
to one post's text changes none of that but the post's own body. `KeptSite` holds the
generators and the shared context of a finished build, and for an edited post re-reads only
that file (Pelican's reader, so the content signals every plugin listens to run for it), takes
the fields that changed into a copy of the kept post, which keeps what the plugins added after
reading (profiles, related posts, comments, cards), and renders its page with the same
templates and writer the build used.

Only the body may change: when the header differs in anything (title, date, slug, status,
language, authors, tags, ...), the file is new or was left out, the reader reports a problem,
or the text links a file the build did not copy, `render` answers None and the caller falls
back to a Pelican pass (`quick_build`). Those edits change other pages too.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from author_profiles import rewrite_profile_page, write_person_page
from fragment_cache import forget_fragments

logger = logging.getLogger("devserver.kept_site")

# The lists each Pelican generator writes pages from, and the keyword the page template gets.
ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")
DRAFT_LISTS = ("drafts", "drafts_translations")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations")
PAGE_DRAFT_LISTS = ("draft_pages", "draft_translations")


@dataclass
class ReadSnapshot:
    """A post's or page's attributes as its reader made them, before generators changed them."""

    fields: dict[str, Any]
    metadata: dict[str, Any]


@dataclass
class KeptSite:
    """A finished build's generators and context, and every post's attributes as read."""

    settings: dict[str, Any]
    generators: list[Any]
    writer_class: type
    # Absolute source path -> the attributes its reader gave it in this build.
    read: dict[str, ReadSnapshot] = field(default_factory=dict)
    # Absolute source path -> the generator, its list and the post or page (made on first use).
    by_source: dict[str, tuple[Any, str, Any]] = field(default_factory=dict)
    # Output path -> the same, for the pages a browser shows.
    by_save_as: dict[str, tuple[Any, str, Any]] = field(default_factory=dict)

    @property
    def context(self) -> dict[str, Any]:
        """The context shared by every generator of the build."""
        return self.generators[0].context  # type: ignore[no-any-return]

    def render(self, source: str, output_path: str) -> list[str] | None:
        """Write the edited post's, page's or profile's page into output_path; None: fall back."""
        found = self._find(source)
        if found is None:
            return rewrite_profile_page(
                self.generators, source, self.writer_class(output_path, settings=self.settings)
            )
        snapshot = self.read.get(source)
        if snapshot is None:
            return None
        generator, list_name, kept = found
        fresh = _read_quietly(generator, source)
        if fresh is None or not _only_the_body_changed(snapshot, kept, fresh, self.context):
            return None
        edited = copy.copy(kept)
        edited.metadata = dict(kept.metadata)
        for name, value in vars(fresh).items():
            if name != "metadata" and snapshot.fields.get(name, _MISSING) != value:
                setattr(edited, name, value)
        self._swap(kept, edited, fresh)
        self.by_source[source] = (generator, list_name, edited)
        if self.by_save_as:
            self.by_save_as[edited.save_as] = (generator, list_name, edited)
        # Fragments of the post (its card on listings) were rendered from the old text.
        forget_fragments(self.context, kept.source_path)
        write = _page_writer(generator, list_name, edited)
        write(self.writer_class(output_path, settings=self.settings))
        return [edited.save_as]

    def render_viewed(self, url_paths: list[str], output_path: str) -> list[str]:
        """After a template change: write the posts', pages' and people's pages at these URLs."""
        forget_fragments(self.context)
        by_save_as = self._by_save_as()
        written: list[str] = []
        for save_as in dict.fromkeys(_save_as_of(path) for path in url_paths):
            writer = self.writer_class(output_path, settings=self.settings)
            if save_as in by_save_as:
                generator, list_name, item = by_save_as[save_as]
                _page_writer(generator, list_name, item)(writer)
                written.append(save_as)
            else:
                written += write_person_page(self.generators, save_as, writer) or []
        return written

    def warm(self) -> None:
        """Index the posts and pages now, while nobody waits (10,000 posts: half a second)."""
        self._find("")
        self._by_save_as()

    def _find(self, source: str) -> tuple[Any, str, Any] | None:
        if not self.by_source:
            for generator, list_name, item in self._written_items():
                self.by_source[os.path.abspath(item.source_path)] = (generator, list_name, item)
        return self.by_source.get(source)

    def _by_save_as(self) -> dict[str, tuple[Any, str, Any]]:
        # Pelican computes save_as from the settings on every access: once per build here.
        if not self.by_save_as:
            for found in self.by_source.values() if self.by_source else self._written_items():
                self.by_save_as[found[2].save_as] = found
        return self.by_save_as

    def _written_items(self) -> Iterator[tuple[Any, str, Any]]:
        for generator in self.generators:
            kind = type(generator).__name__
            names = {
                "ArticlesGenerator": ARTICLE_LISTS + DRAFT_LISTS,
                "PagesGenerator": PAGE_LISTS + PAGE_DRAFT_LISTS,
            }.get(kind, ())
            for name in names:
                for item in getattr(generator, name, ()):
                    yield generator, name, item

    def _swap(self, kept: Any, edited: Any, fresh: Any) -> None:
        """Put the edited copy wherever the build's lists held the kept object."""
        for generator in self.generators:
            for value in vars(generator).values():
                _replace_in(value, kept, edited)
        for name in ("articles", "drafts", "hidden_articles", "dates", "pages"):
            _replace_in(self.context.get(name), kept, edited)
        generated = self.context.get("generated_content", {})
        for key, value in generated.items():
            if value is kept:
                generated[key] = edited
        for partner in getattr(edited, "translations", ()):
            _replace_in(getattr(partner, "translations", None), kept, edited)
        source = os.path.abspath(edited.source_path)
        self.read[source] = ReadSnapshot(dict(vars(fresh)), dict(fresh.metadata))


_MISSING = object()


def _save_as_of(url_path: str) -> str:
    """The output file a URL path of the preview answers with (a folder's index.html)."""
    relative = url_path.lstrip("/")
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def snapshot_of(content: Any) -> ReadSnapshot:
    """What the reader made of a post or page (shallow: later replacements are not seen)."""
    return ReadSnapshot(dict(vars(content)), dict(content.metadata))


def _read_quietly(generator: Any, source: str) -> Any | None:
    """Read the file with the generator's readers; None if anything was reported about it."""
    from pelican import signals
    from pelican.contents import Article, Page

    heard = _Heard()
    root = logging.getLogger()
    root.addHandler(heard)
    is_article = type(generator).__name__ != "PagesGenerator"
    try:
        fresh = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(source, generator.path),
            content_class=Article if is_article else Page,
            context=generator.context,
            preread_signal=signals.article_generator_preread
            if is_article
            else signals.page_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context
            if is_article
            else signals.page_generator_context,
            context_sender=generator,
        )
    except Exception as error:  # the Pelican pass that follows reports it with its place
        logger.debug("kept site: %s could not be read again: %s", source, error)
        return None
    finally:
        root.removeHandler(heard)
    if heard.count or not fresh.is_valid():
        return None
    return fresh


def _only_the_body_changed(
    snapshot: ReadSnapshot, kept: Any, fresh: Any, context: dict[str, Any]
) -> bool:
    """Whether the header reads as before and the text links no file the build left out."""
    if fresh.metadata != snapshot.metadata or type(fresh) is not type(kept):
        return False
    for name in ("slug", "lang", "status", "date", "save_as", "url", "template"):
        if getattr(fresh, name, None) != snapshot.fields.get(name, getattr(kept, name, None)):
            return False
    known: set[str] = context.get("static_links", set())
    return bool(fresh.get_static_links() <= known)


def _replace_in(value: Any, kept: Any, edited: Any) -> None:
    """Replace kept by edited in a list, or in the lists of a list of (group, posts) pairs."""
    if not isinstance(value, list):
        return
    for index, item in enumerate(value):
        if item is kept:
            value[index] = edited
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], list):
            _replace_in(item[1], kept, edited)


def _page_writer(generator: Any, list_name: str, item: Any) -> Callable[[Any], None]:
    """How the generator writes this item's page: the same call its generate_output makes."""
    from pelican import signals

    settings = generator.settings
    override = hasattr(item, "override_save_as")

    def write(writer: Any) -> None:
        template = generator.get_template(item.template)
        if type(generator).__name__ == "PagesGenerator":
            signals.page_generator_write_page.send(generator, content=item)
            writer.write_file(
                item.save_as,
                template,
                generator.context,
                page=item,
                relative_urls=settings["RELATIVE_URLS"],
                override_output=override,
                url=item.url,
            )
            return
        extra: dict[str, Any] = {"url": item.url, "blog": True}
        if list_name in DRAFT_LISTS:
            extra["all_articles"] = generator.articles
        else:
            signals.article_generator_write_article.send(generator, content=item)
        writer.write_file(
            item.save_as,
            template,
            generator.context,
            relative_urls=settings["RELATIVE_URLS"],
            article=item,
            category=getattr(item, "category", None),
            override_output=override,
            **extra,
        )

    return write


class _Heard(logging.Handler):
    """Counts warnings and errors logged while one file is read again."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record."""
        self.count += 1
