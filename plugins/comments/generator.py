"""The generator that attaches each post's thread, publishes the figures and writes the manifest."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from faces_common.jsonfiles import write_json
from faces_common.manifests import ManifestThread
from faces_common.problems import Problem
from faces_common.voice import site_address
from pelican.generators import Generator

from .data import ThreadFile, read_thread_file
from .figures import ShownThread, dialogue_figures, read_figures
from .manifest import manifest
from .messages import problem
from .threads import ID_PATTERN, comments_switched_off, declared_id, id_line, path_id
from .unanswered import WaitingComment, author_queues, unanswered
from .view import ThreadContext, thread_view

logger = logging.getLogger(__name__)

# Context keys: the dialogue figures (figures.DialogueFigures), the threads shown, and each
# author's unanswered comments for the review page (a list of unanswered.AuthorQueue).
FIGURES_KEY = "comment_figures"
THREADS_KEY = "comment_threads"
UNANSWERED_KEY = "comments_unanswered"


class CommentsGenerator(Generator):
    """Give every post its thread (`article.comments`) and write comments/manifest.json."""

    def generate_context(self) -> None:
        """Read the thread files and attach them before any post is rendered."""
        settings = self.settings
        lang = settings["MESSAGES_LANG"]
        self.generated = dt.datetime.now(dt.UTC).replace(microsecond=0)
        posts, problems = self._thread_ids(lang)
        files, file_problems = self._thread_files(lang)
        problems += file_problems
        for found in sorted(problems, key=lambda p: (p.path, p.line)):
            logger.error("%s", found.format())
        # site_i18n's `date_in(lang)`: the dates of a post's comments in the post's interface.
        date_in = self.env.globals.get("date_in")
        shared = ThreadContext(
            endpoint=settings["COMMENTS_ENDPOINT"] or "",
            site_url=settings["SITEURL"],
            allow_anonymous=settings["COMMENTS_ALLOW_ANONYMOUS"],
            board_level=next(iter(settings.get("AUTHORS_LEVELS") or {}), None),
            removed_label=settings.get("AUTHORS_REMOVED_LABEL", ""),
            profiles=self.context.get("author_profiles") or {},
            zone=ZoneInfo(settings["TIMEZONE"]),
            format_date=date_in(settings.get("DEFAULT_LANG", "de")) if date_in else _day,
            address=site_address(settings),
            locale=settings.get("I18N_LOCALE") or "",
        )
        shown: list[ShownThread] = []
        waiting: dict[str, list[WaitingComment]] = {}
        self.manifest_threads: list[ManifestThread] = []
        for article, thread in posts:
            file = files.pop(thread, None)
            comments = file.comments if file else ()
            self._check_profiles(file, shared.profiles, lang)
            is_open = self._is_open(article)
            in_lang = replace(shared, format_date=date_in(article.lang)) if date_in else shared
            article.comments = view = thread_view(article, thread, comments, is_open, in_lang)
            authors = _author_handles(article, shared.profiles)
            if file is not None:
                shown.append(ShownThread(file, authors))
            for comment in unanswered(comments, authors):
                entry = WaitingComment(
                    article.title, view.post_path, comment.id, comment.name, comment.received
                )
                for handle in authors:
                    waiting.setdefault(handle, []).append(entry)
            if article.status == "published":
                self.manifest_threads.append(
                    ManifestThread(
                        thread,
                        "/" + view.post_path,
                        article.title,
                        article.lang,
                        authors,
                        is_open,
                        self._is_internal(article),
                    )
                )
        for left in files.values():
            # A deleted post, or an internal one in the public build: its comments stay out.
            logger.info("comments: %s has no post in this build; left out", left.path)
        figures, figure_problems = read_figures(
            Path(settings["PATH"], settings["COMMENTS_FIGURES_PATH"]),
            os.path.relpath(os.path.join(settings["PATH"], settings["COMMENTS_FIGURES_PATH"])),
            lang,
        )
        for found in figure_problems:
            logger.error("%s", found.format())
        self.context[THREADS_KEY] = [t.file for t in shown]
        self.context[UNANSWERED_KEY] = author_queues(waiting, shared.profiles)
        self.context[FIGURES_KEY] = dialogue_figures(figures, shown) if (figures or shown) else None

    def generate_output(self, writer: Any) -> None:
        """Write the manifest the backend reads (comments/manifest.json by default)."""
        if self.settings.get("FAST_PREVIEW_SOURCES") is not None:
            return  # a fast preview sees only the edited posts; the full build follows
        path = Path(self.output_path, self.settings["COMMENTS_MANIFEST_SAVE_AS"])
        write_json(path, manifest(self.manifest_threads, self.generated))
        logger.info("comments: %s lists %d thread(s)", path, len(self.manifest_threads))
        # Nothing reads them after the file (10,000 posts: an entry each); the transparency
        # step, next, reuses their memory.
        self.manifest_threads = []

    def _posts(self) -> Iterator[Any]:
        seen: set[int] = set()
        for name in ("articles", "hidden_articles", "drafts"):
            for original in self.context.get(name, []):
                # A translation is a page of its own, with a thread of its own.
                for article in (original, *getattr(original, "translations", ())):
                    if article.save_as and id(article) not in seen:
                        seen.add(id(article))
                        yield article

    def _thread_ids(self, lang: str) -> tuple[list[tuple[Any, str]], list[Problem]]:
        """Each post with its thread id; a bad or shared `Id:` is a problem."""
        root = self.settings["PATH"]
        posts: list[tuple[Any, str]] = []
        problems: list[Problem] = []
        owners: dict[str, str] = {}
        # The older post keeps a shared Id: its thread existed first.
        for article in sorted(self._posts(), key=lambda a: (a.date, a.source_path)):
            shown_as = os.path.relpath(article.source_path)
            declared = declared_id(article)
            if declared is None:
                posts.append((article, path_id(article.source_path, root)))
                continue
            line = id_line(article.source_path)
            if not ID_PATTERN.fullmatch(declared):
                message, fix = problem(lang, "bad_id", value=declared)
                problems.append(Problem(shown_as, line, message, fix, rule="comments"))
                posts.append((article, path_id(article.source_path, root)))
            elif declared in owners:
                message, fix = problem(lang, "duplicate_id", value=declared, other=owners[declared])
                problems.append(Problem(shown_as, line, message, fix, rule="comments"))
            else:
                owners[declared] = shown_as
                posts.append((article, declared))
        return posts, problems

    def _thread_files(self, lang: str) -> tuple[dict[str, ThreadFile], list[Problem]]:
        folder = Path(self.settings["PATH"], self.settings["COMMENTS_DATA_PATH"])
        files: dict[str, ThreadFile] = {}
        problems: list[Problem] = []
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            file, found = read_thread_file(path, os.path.relpath(path), lang)
            problems += found
            if file is not None:
                files[file.thread] = file
        return files, problems

    def _check_profiles(self, file: ThreadFile | None, profiles: Any, lang: str) -> None:
        if file is None:
            return
        for index, comment in enumerate(file.comments, start=1):
            if comment.profile is not None and comment.profile not in profiles:
                message, fix = problem(
                    lang, "unknown_profile", index=index, profile=comment.profile
                )
                logger.warning(
                    "%s", Problem(file.path, 1, message, fix, "warning", rule="comments").format()
                )

    def _is_open(self, article: Any) -> bool:
        return (
            self.settings["COMMENTS_ENABLED"]
            and article.status == "published"
            and not comments_switched_off(article)
        )

    def _is_internal(self, article: Any) -> bool:
        internal_values = self.settings.get("VISIBILITY_INTERNAL_VALUES", ["internal"])
        return str(article.metadata.get("visibility", "public")).strip().lower() in internal_values


def _day(moment: dt.datetime) -> str:
    """A comment's day without the theme's `date` filter (site_i18n not loaded)."""
    return moment.date().isoformat()


def _author_handles(article: Any, profiles: Any) -> tuple[str, ...]:
    """The profile handles of the post's authors; someone who withdrew consent is left out."""
    handles = tuple(getattr(a, "slug", str(a)) for a in article.authors)
    if not profiles:
        return handles
    return tuple(h for h in handles if h in profiles and profiles[h].status != "removed")
