"""Author pages, the faces wall, per-author feeds, photos and social cards."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
from collections.abc import Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

from faces_common.allocator import give_back
from faces_common.background import BackgroundPool, usable_cores
from fragment_cache import forget_fragments
from markupsafe import Markup
from pelican.contents import Article
from pelican.generators import Generator
from pelican.urlwrappers import Author

from . import photo_orders
from .card_cache import CardJob, CardStyle, PendingCards, start_cards
from .cards import CardPerson
from .contributions import Contribution, contributions
from .messages import report
from .portraits import Portrait, start_portraits
from .profiles import AuthorProfile, read_profiles, rules_from_settings
from .resolve import find_profile
from .wall import WallPage, build_wall

logger = logging.getLogger(__name__)

# Context key other plugins and the templates read: handle -> AuthorProfile.
PROFILES_KEY = "author_profiles"


class AuthorProfilesGenerator(Generator):
    """Read the profiles and photos up front; write the people's pages after the posts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ready before any generator builds its context: the article generator resolves
        # post authors against the profiles, and other plugins read them.
        profiles, problems = read_profiles(
            Path(self.path) / self.settings["AUTHORS_DIR"], rules_from_settings(self.settings)
        )
        report(problems)
        # Photos and cards are made on the other cores while Pelican reads and writes; the
        # photos are collected before the people's context is made, the cards before their
        # files are published. A page only needs their names, known before they are drawn.
        workers = self.settings["AUTHORS_WORKERS"] or usable_cores()
        self.pool = BackgroundPool(workers) if workers > 1 else None
        self.pending_portraits = start_portraits(
            profiles,
            self.settings,
            self.pool,
            on_request=self.settings["AUTHORS_PHOTOS_ON_REQUEST"],
        )
        self.portraits: dict[str, Portrait] = {}
        self.profiles: dict[str, AuthorProfile] = {p.handle: p for p in profiles}
        self.context[PROFILES_KEY] = self.profiles
        self.pending_cards: PendingCards | None = None
        self.posts: dict[str, list[Article]] = {}
        self.contributions: dict[str, list[Contribution]] = {}
        self.wall: list[WallPage] = []
        self.card_files: list[tuple[str, str]] = []

    def _with_portrait(self, profile: AuthorProfile) -> AuthorProfile:
        portrait = self.portraits.get(profile.handle)
        feed = self.settings["AUTHORS_FEED_ATOM"]
        return dataclasses.replace(
            profile,
            has_photo=portrait is not None,
            photos=portrait.photos if portrait else (),
            photo_credit=profile.photo_credit if portrait else None,
            feed_url=feed.format(slug=profile.handle) if feed and profile.url else None,
        )

    def _take_portraits(self) -> None:
        self.portraits, photo_problems = self.pending_portraits.finish()
        report(photo_problems)
        # In place: the context (and every plugin holding it) has this very dictionary.
        for handle, profile in self.profiles.items():
            self.profiles[handle] = self._with_portrait(profile)

    def generate_context(self) -> None:
        """Collect each person's posts, start the social cards and lay out the wall."""
        self._take_portraits()
        articles: list[Article] = self.context.get("articles", [])
        for handle, profile in self.profiles.items():
            if profile.url is not None:
                self.posts[handle] = []
        for article in articles:
            for author in article.authors:
                if author.slug in self.posts and find_profile(self.context, author):
                    self.posts[author.slug].append(article)
        self.contributions = contributions(articles, self.posts, self.context)
        if self.settings["AUTHORS_CARDS_PATH"]:
            self._make_cards()
        topics = {
            handle: {tag.slug: str(tag) for post in posts for tag in getattr(post, "tags", ())}
            for handle, posts in self.posts.items()
        }
        self.wall = build_wall(self.profiles.values(), self.settings, topics)

    def _card_person(self, profile: AuthorProfile) -> CardPerson:
        portrait = self.portraits.get(profile.handle)
        return CardPerson(
            name=profile.name,
            handle=profile.handle,
            photo=portrait.card_photo if portrait else None,
            role=profile.role or None,
        )

    def _make_cards(self) -> None:
        items = list(_every_post(self.context))
        people = [p for p in self.profiles.values() if p.url is not None]
        jobs = [
            CardJob(
                Markup(item.title).striptags(),
                tuple(
                    self._card_person(profile)
                    for author in item.authors
                    if (profile := find_profile(self.context, author)) is not None
                ),
            )
            for item in items
        ]
        jobs += [CardJob(None, (self._card_person(p),)) for p in people]
        style = CardStyle(
            company=self.settings.get("COMPANY_NAME") or self.settings["SITENAME"],
            font=self.settings["AUTHORS_CARD_FONT"],
        )
        self.pending_cards = start_cards(
            jobs,
            Path(self.settings["CACHE_PATH"]),
            style,
            self.pool,
            on_request=self.settings["AUTHORS_CARDS_ON_REQUEST"],
        )
        drawn = self.pending_cards.cards
        folder = self.settings["AUTHORS_CARDS_PATH"].strip("/")
        targets: list[tuple[str, Article | None]] = [(item.slug, item) for item in items]
        targets += [(p.handle, None) for p in people]
        for (key, cached), (name, item) in zip(drawn, targets, strict=True):
            path = f"{folder}/{name}-{key[:12]}.jpg"
            self.card_files.append((cached, path))
            if item is not None:
                item.social_card = path
            else:
                self.profiles[name] = dataclasses.replace(self.profiles[name], social_card=path)

    def generate_output(self, writer: Any) -> None:
        """Write the author pages, the wall, the feeds; publish photos and cards."""
        try:
            if self.pending_cards is not None:
                self.pending_cards.wait()
        finally:
            if self.pool is not None:
                self.pool.close()
        self._write_author_pages(writer)
        self._write_wall(writer)
        self._write_feeds(writer)
        # After the pages, where the build peaks: the set of published files is one entry per
        # post and person (10,000 posts: about 1 MiB), needed only to prune.
        self._prune(self._publish_files())
        # No page written after these shows a post's card or a wall entry (the listings come
        # first): the later steps (transparency, reach, search) take their memory instead.
        forget_fragments(self.context, "article_card")
        forget_fragments(self.context, "wall_person")
        give_back()

    def _write_author_pages(self, writer: Any) -> None:
        for handle in self.posts:
            self.write_author_page(writer, handle)

    def write_author_page(self, writer: Any, handle: str) -> str:
        """Write one person's page (they have one: their handle is in self.posts); its path."""
        newest_first = self.settings.get("NEWEST_FIRST_ARCHIVES", True)
        posts = self.posts[handle]
        profile = self.profiles[handle]
        author = Author(profile.name, self.settings)
        author.slug = handle
        save_as: str = self.settings["AUTHORS_PAGE_SAVE_AS"].format(slug=handle)
        self._write_page(
            writer,
            "author",
            save_as,
            profile.url,
            author=author,
            profile=profile,
            articles=posts,
            contributions=self.contributions.get(handle, []),
            dates=sorted(posts, key=attrgetter("date"), reverse=newest_first),
            all_articles=self.context.get("articles", []),
            blog=True,
            page_name=profile.url,
            # Someone who has left keeps their page, but search engines should let it go.
            noindex=profile.is_alumni,
        )
        return save_as

    def _write_wall(self, writer: Any) -> None:
        for page in self.wall:
            self._write_page(
                writer, "authors", page.save_as, page.url, wall=page, page_name="authors"
            )

    def _write_page(
        self, writer: Any, template_name: str, save_as: str, url: str | None, **values: Any
    ) -> None:
        """Write one page of `template_name` with the site's context and the page's own values."""
        writer.write_file(
            save_as,
            self.get_template(template_name),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            template_name=template_name,
            url=url,
            **values,
        )

    def _write_feeds(self, writer: Any) -> None:
        for handle, posts in self.posts.items():
            profile = self.profiles[handle]
            if profile.feed_url:
                writer.write_feed(posts, self.context, profile.feed_url, feed_title=profile.name)

    def _publish_files(self) -> set[str]:
        output = Path(self.output_path)
        # Cards left to draw on request are named on the pages but drawn by the preview server.
        cards = [(Path(cached), to) for cached, to in self.card_files if os.path.isfile(cached)]
        # Photos left to make on request likewise: the pages name them, the preview makes them.
        files = [f for p in self.portraits.values() if not p.ordered for f in p.files] + cards
        published = {relative for _, relative in self.card_files}
        published |= photo_orders.write_orders(self.portraits.values(), output)
        if self.pending_cards is not None:
            published |= self.pending_cards.leave_orders(self.card_files, output)
        for source, relative in files:
            target = output / relative
            published.add(relative)
            # Names carry a content hash: a file that is there with the same size is the same.
            if target.is_file() and target.stat().st_size == source.stat().st_size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(source, target)
        return published

    def _prune(self, published: set[str]) -> None:
        # The preview keeps its output folder between builds: photos and cards of people who
        # left or withdrew consent must not stay behind there.
        output = Path(self.output_path)
        for setting in ("AUTHORS_PHOTOS_PATH", "AUTHORS_CARDS_PATH"):
            folder = self.settings[setting]
            if not folder or not (output / folder).is_dir():
                continue
            for path in (output / folder).iterdir():
                relative = path.relative_to(output).as_posix()
                if path.is_file() and relative not in published:
                    path.unlink()
        for profile in self.profiles.values():
            if profile.url is None:
                self._remove_leftovers(profile.handle)

    def _remove_leftovers(self, handle: str) -> None:
        output = Path(self.output_path).resolve()
        page = (output / self.settings["AUTHORS_PAGE_SAVE_AS"].format(slug=handle)).resolve()
        # Only a folder named after the person is removed whole (it holds the paginated pages).
        if page.name == "index.html" and page.parent.name == handle and output in page.parents:
            shutil.rmtree(page.parent, ignore_errors=True)
        elif page.is_file() and output in page.parents:
            page.unlink()
        feed = self.settings["AUTHORS_FEED_ATOM"]
        if feed:
            leftover = output / feed.format(slug=handle)
            if leftover.is_file():
                leftover.unlink()
                logger.info("author_profiles: removed %s of a removed profile", leftover)


def _every_post(context: dict[str, Any]) -> Iterator[Article]:
    """Every post that gets a page: published, drafts and hidden ones, with translations."""
    for name in ("articles", "drafts", "hidden_articles"):
        for article in context.get(name, []):
            for item in (article, *getattr(article, "translations", [])):
                # Drafts have no page when publishing; their titles must not leak in a card.
                if item.save_as:
                    yield item


def _link_or_copy(source: Path, target: Path) -> None:
    # Cached outputs never change under their content-hashed names, so a hard link is as
    # good as a copy and costs nothing; other file systems get a copy.
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
