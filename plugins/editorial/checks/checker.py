"""Run every content check over all posts, pages and profiles in one pass, without building."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content_checks import Claim, check_source, duplicate_slugs
from faces_common.digests import file_stamp
from faces_common.problems import ERROR, Problem

from ..adapters import PollRef, load_registry, polls_in
from .answers import unanswered_questions
from .bylines import check_bylines
from .corpus import AlreadyRead, Source, read_sources
from .duplicates import duplicate_poll_ids
from .images import check_images, image_uses, judge_images, unused_image_problems
from .internal import shared_image_problems
from .links import check_links
from .memo import IMAGES, PROFILES, FileFindings, FindingsMemo, cycles_left_alone
from .site_memo import AnswerMemo, SiteStamps
from .translations import check_translations


@dataclass(frozen=True)
class CheckResult:
    """Every problem found, sorted by file and line, and how many files were read."""

    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        """Number of errors."""
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings and other non-errors."""
        return len(self.problems) - self.errors

    def exit_code(self, strict: bool = False) -> int:
        """1 if there are errors (or, when strict, any problem), else 0."""
        return 1 if self.errors or (strict and self.problems) else 0

    def for_file(self, shown: str) -> list[Problem]:
        """The problems of one file."""
        return [p for p in self.problems if p.path == shown]


def check_site(settings: Mapping[str, Any], already_read: AlreadyRead | None = None) -> CheckResult:
    """Check the site whose settings are given; problems name files from the current folder."""
    with cycles_left_alone():
        stamps = SiteStamps(settings)
        answers = AnswerMemo(settings)
        # Texts the build read are checked as read; only where they are the files as they are
        # now can the answer of the files be taken or kept.
        as_on_disk = _as_on_disk(already_read or {})
        kept = answers.get(stamps) if as_on_disk else None
        if kept is not None:
            return CheckResult(*kept)
        result = _check(settings, already_read)
        if as_on_disk:
            answers.put(stamps, result.problems, result.files)
        return result


def _as_on_disk(already_read: AlreadyRead) -> bool:
    """Whether every text the build read was read from the file as it is now."""
    return all(
        len(entry) >= 3 and entry[2] is not None and entry[2] == file_stamp(path)
        for path, entry in already_read.items()
    )


def _check(settings: Mapping[str, Any], already_read: AlreadyRead | None) -> CheckResult:
    content = Path(settings["PATH"]).resolve()
    memo: FindingsMemo[FileFindings] = FindingsMemo(settings)
    sources = read_sources(settings, already_read, memo)
    registry = load_registry(settings, memo.section(PROFILES))
    problems = list(registry.problems)
    by_relative = {source.relative: source for source in sources}
    uses = {source.file: image_uses(source) for source in sources}
    image_files = judge_images(uses, content, settings, memo.section(IMAGES))
    polls: list[tuple[Source, PollRef]] = []
    claims: list[Claim] = []
    for source in sources:
        alone = source.known or _findings(source, settings)
        if source.stamp is not None and source.known is None:
            memo.put(source.file, alone)
        problems += alone.content
        # The build leaves a file with errors out before it looks at authors and addresses;
        # the check does the same, so that both report the same problems.
        if not any(p.severity == ERROR for p in alone.content):
            problems += check_bylines(source, registry)
            claims.append(Claim(source.file, source.kind, source.slug, source.lang))
        problems += check_images(source, content, image_files, settings)
        problems += check_links(source, by_relative, content)
        problems += alone.answers
        polls += [(source, PollRef(*poll)) for poll in alone.polls]
        problems += alone.poll_problems
    memo.save()
    problems += duplicate_slugs(_sharing_a_slug(claims), settings)
    problems += duplicate_poll_ids(polls)
    problems += check_translations(sources)
    problems += shared_image_problems(sources, uses)
    problems += unused_image_problems(uses, content, image_files, settings)
    ordered = sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.rule, p.message))
    return CheckResult(ordered, len(sources) + len(registry.people))


def _sharing_a_slug(claims: list[Claim]) -> list[Claim]:
    """The claims whose kind and slug another claim has: only they can be duplicates."""
    # duplicate_slugs names each file from the current folder to order them, a relpath per
    # claim (0.2 s at 10,000 posts); a slug of its own can neither be nor make a duplicate.
    counts = Counter((claim.kind, claim.slug) for claim in claims)
    return [claim for claim in claims if counts[claim.kind, claim.slug] > 1]


def _findings(source: Source, settings: Mapping[str, Any]) -> FileFindings:
    """What the checks find in one file without looking at any other."""
    references, fences = source.body
    found, poll_problems = polls_in(source.text, source.shown, [f.info for f in fences], settings)
    return FileFindings(
        stamp=source.stamp or (0, 0),
        header=source.record,
        body=(tuple(references), tuple(fences)),
        slug=source.slug,
        content=_content_problems(source, settings),
        answers=tuple(unanswered_questions(source)),
        polls=tuple((poll.id, poll.line) for poll in found),
        poll_problems=tuple(poll_problems),
    )


def _content_problems(source: Source, settings: Mapping[str, Any]) -> tuple[Problem, ...]:
    """The content rules' problems of one file: the build's reader found them already, if read."""
    if source.found is not None:
        return source.found
    return tuple(check_source(source.read, source.shown, settings, source.kind))
