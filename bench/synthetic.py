"""Generate a synthetic company blog (posts, author profiles, images) deterministically from a seed.

    uv run python bench/synthetic.py --posts 1000 --authors 100 [--photos] --out bench/.work/site

The same seed gives the same site byte for byte, except for the 12-megapixel photos, which are
made once per seed and author and then reused from a cache folder (making 100 takes minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from synthetic_people import (
    REPO,
    invent_people,
    link_or_copy,
    make_photo,
    profile_choices,
    profile_text,
    source_photos,
    with_photo,
)
from synthetic_words import (
    TAGS,
    paragraph,
    post_body,
    post_title,
    sentence,
)

CATEGORIES = (
    "Einblicke",
    "Technik",
    "Nachhaltigkeit",
    "Menschen",
    "Unternehmen",
    "Ideen",
    "Service",
    "Vertrieb",
)


IMAGE_SIZE = (1200, 675)


FIRST_DAY = dt.date(2023, 1, 2)


DAYS = 3 * 365 - 7


PAGES = {
    "ueber-uns": "Über uns",
    "impressum": "Impressum",
    "datenschutz": "Datenschutz",
    "redaktionsleitfaden": "Redaktionsleitfaden",
}


@dataclass(frozen=True)
class SiteSpec:
    """What to generate: how many posts and authors, with or without 12-MP photos."""

    posts: int = 1000
    authors: int = 100
    photos: bool = False
    seed: int = 2026


@dataclass(frozen=True)
class SyntheticPost:
    """One generated post: its source file and where Pelican will publish it."""

    source: Path
    title: str
    year: int
    slug: str


@dataclass(frozen=True)
class SyntheticSite:
    """The generated content folder and what is in it."""

    content: Path
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    posts: tuple[SyntheticPost, ...]
    words: int


def generate_site(
    folder: Path, spec: SiteSpec, photo_cache: Path | None = None, *, quiet: bool = False
) -> SyntheticSite:
    """Write content/ with posts, pages, profiles and images into folder (replacing it)."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    rng = random.Random(spec.seed)
    content = folder / "content"
    if content.exists():
        shutil.rmtree(content)
    for sub in ("posts", "pages", "authors", "images"):
        (content / sub).mkdir(parents=True)

    departments, levels = profile_choices()
    people = invent_people(rng, spec.authors)
    editors = [handle for handle, _ in people[: max(2, spec.authors // 12)]]
    photo_sources = source_photos(people, spec.seed, photo_cache, quiet) if spec.photos else {}
    for index, (handle, name) in enumerate(people):
        text = profile_text(
            rng, name, departments[index % len(departments)], levels, handle in editors
        )
        if handle in photo_sources:
            link_or_copy(photo_sources[handle], content / "authors" / f"{handle}.jpg")
            text = with_photo(rng, text, handle)
        (content / "authors" / f"{handle}.md").write_text(text, encoding="utf-8")
    for slug, title in PAGES.items():
        body = "\n\n".join(paragraph(rng, 4) for _ in range(3))
        page = f"Title: {title}\nSlug: {slug}\n\n{body}\n"
        (content / "pages" / f"{slug}.md").write_text(page, encoding="utf-8")

    regex_subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(people))]
    handles = [handle for handle, _ in people]
    dates = sorted(
        dt.datetime.combine(FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), dt.time())
        + dt.timedelta(minutes=rng.randrange(7 * 60, 18 * 60))
        for _ in range(spec.posts)
    )
    posts: list[SyntheticPost] = []
    slugs: set[str] = set()
    words = 0
    for number, date in enumerate(dates):
        title = post_title(rng)
        slug = slugify(title, regex_subs)
        while slug in slugs:
            title = f"{title} ({rng.randrange(2, 99)})"
            slug = slugify(title, regex_subs)
        slugs.add(slug)
        source = content / "posts" / str(date.year) / f"{slug}.md"
        source.parent.mkdir(exist_ok=True)
        authors = _unique(rng.choices(handles, weights, k=2 if rng.random() < 0.1 else 1))
        reviewer = rng.choice([e for e in editors if e not in authors] or editors)
        header = _post_header(rng, title, date, authors, reviewer, number)
        if rng.random() < 0.2:
            image = f"{slug}.jpg"
            make_photo(content / "images" / image, rng.randrange(1 << 30), IMAGE_SIZE, grain=False)
            header += (
                f"Image: images/{image}\nImage-alt: {sentence(rng, 6, markup=False)}\n"
                "Image-credit: Foto: Seewerk Velo AG\n"
            )
        earlier = posts[rng.randrange(len(posts))] if posts and rng.random() < 0.3 else None
        poll_id = f"bench-{number}" if number % 50 == 5 else None
        link = (earlier.title, earlier.source.relative_to(content).as_posix()) if earlier else None
        body, count = post_body(rng, link, poll_id)
        words += count
        source.write_text(f"{header}\n{body}", encoding="utf-8")
        posts.append(SyntheticPost(source, title, date.year, slug))
    return SyntheticSite(content, CATEGORIES, tuple(handles), tuple(posts), words)


def reuse_or_generate(
    folder: Path, spec: SiteSpec, photo_cache: Path | None = None
) -> tuple[SyntheticSite, bool]:
    """The site generated into folder before from the same spec, else a new one; reused?

    A 10,000-post site takes minutes to generate; runs on the same spec share one.
    """
    record = folder / "site.json"
    if record.exists() and (folder / "content").is_dir():
        saved = json.loads(record.read_text(encoding="utf-8"))
        if saved["spec"] == asdict(spec):
            site = saved["site"]
            posts = tuple(
                SyntheticPost(Path(source), title, year, slug)
                for source, title, year, slug in site["posts"]
            )
            return SyntheticSite(
                Path(site["content"]),
                tuple(site["categories"]),
                tuple(site["authors"]),
                posts,
                site["words"],
            ), True
    record.unlink(missing_ok=True)  # written last: a site cut short is never reused
    site = generate_site(folder, spec, photo_cache)
    saved_site = {
        "content": str(site.content),
        "categories": site.categories,
        "authors": site.authors,
        "posts": [[str(p.source), p.title, p.year, p.slug] for p in site.posts],
        "words": site.words,
    }
    record.write_text(json.dumps({"spec": asdict(spec), "site": saved_site}), encoding="utf-8")
    return site, False


def _post_header(
    rng: random.Random,
    title: str,
    date: dt.datetime,
    authors: Sequence[str],
    reviewer: str,
    number: int,
) -> str:
    byline = f"Author: {authors[0]}" if len(authors) == 1 else f"Authors: {', '.join(authors)}"
    submitted = (date - dt.timedelta(days=rng.randrange(2, 15))).date()
    lines = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randrange(2, 5)))}",
        byline,
        "Lang: de",
        f"Summary: {sentence(rng, rng.randrange(14, 24), markup=False)}",
        f"Submitted: {submitted}",
        f"Reviewed-by: {reviewer}",
    ]
    if number % 50 == 7:
        lines.append("Disclosure: own-product")
    if number % 100 == 13:
        fixed = (date + dt.timedelta(days=3)).date()
        lines.append(
            f"Correction: {fixed} | correction | Im zweiten Absatz stand eine falsche Zahl."
        )
    return "\n".join(lines) + "\n"


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def main(argv: Sequence[str] | None = None) -> None:
    """Generate a site from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=100)
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / ".work" / "site")
    args = parser.parse_args(argv)
    spec = SiteSpec(args.posts, args.authors, args.photos, args.seed)
    started = time.perf_counter()
    site = generate_site(args.out, spec, REPO / "bench" / ".work" / "photos")
    print(
        f"{len(site.posts)} posts ({site.words / len(site.posts):.0f} words on average), "
        f"{len(site.authors)} authors in {site.content} "
        f"({time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
