"""What the transparency page adds to a full build: 1,000 synthetic posts, with and without it.

    uv run python bench/bench_transparency.py [--posts 1000] [--repeats 5] [--keep]

Writes a synthetic site (the sample site's profiles and pages, plus generated posts of which
half lack `Submitted:`, all committed to a git repository with spread-out dates) into
bench/.work/transparency/, then builds it in fresh subprocesses, alternating with and without
the plugin, for two plugin sets: every plugin pelicanconf.py enables ("full"), and the
foundation plugins only ("minimal", where the page's share is largest). Figures are medians of
alternating runs: wall time inside Pelican (interpreter start excluded), CPU time of the whole
process (steadier on a shared machine), and the page's own time measured inside the build
(importing the plugin, creating its generator, generate_output). The first build with the
plugin runs `git log` and compiles the page's templates (both cached afterwards) and is
reported on its own. Figures, not assertions. Target: at most 5 % added.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO)]

from devserver.site_settings import settings_over  # noqa: E402

WORK = REPO / "bench" / ".work" / "transparency"
TARGET = 1.05
MINIMAL = ["site_i18n", "content_checks", "visibility", "seo"]

# One build in a fresh interpreter; prints Pelican's wall time and, with the plugin, the page's
# own time: importing the plugin, creating its generator and its generate_output.
ONE_BUILD = """
import json, logging, sys, time
repo, settings, output = sys.argv[1:4]
sys.path[:0] = [repo, repo + "/plugins"]
from pelican import Pelican
from pelican.settings import read_settings
logging.disable(logging.WARNING)
config = read_settings(settings, override={"OUTPUT_PATH": output})
spent = [0.0]
started = time.perf_counter()
if "transparency" in config["PLUGINS"]:
    # Imported here, inside the timed part, as Pelican would; Pelican then reuses the module.
    import transparency.generator as page
    spent[0] += time.perf_counter() - started

    def timed(method):
        def run(*args, **kwargs):
            begun = time.perf_counter()
            method(*args, **kwargs)
            spent[0] += time.perf_counter() - begun
        return run

    cls = page.TransparencyGenerator
    cls.__init__ = timed(cls.__init__)
    cls.generate_output = timed(cls.generate_output)
Pelican(config).run()
print(json.dumps({"seconds": time.perf_counter() - started, "page": spent[0]}))
"""


@dataclass(frozen=True)
class Timing:
    """One build: wall seconds inside Pelican, CPU seconds of the process, the page's seconds."""

    wall: float
    cpu: float
    page: float


WORDS = (
    "Rahmen",
    "Werkstatt",
    "Velo",
    "Montage",
    "Lager",
    "Kunde",
    "Akku",
    "Bremse",
    "Kette",
    "Qualität",
    "Lieferzeit",
    "Händler",
    "Ersatzteil",
    "Prüfung",
    "Aluminium",
    "Fähre",
)


def write_site(root: Path, posts: int, seed: int = 7) -> None:
    """The sample site's profiles and pages plus `posts` generated posts, committed to git."""
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    shutil.copytree(REPO / "content" / "authors", content / "authors")
    shutil.copytree(REPO / "content" / "pages", content / "pages")
    shutil.copytree(REPO / "content" / "images", content / "images")
    handles = sorted(
        p.stem
        for p in (content / "authors").glob("*.md")
        if "Status: removed" not in p.read_text(encoding="utf-8")
    )
    rng = random.Random(seed)
    today = dt.date.today()
    files: list[tuple[dt.date, Path]] = []
    for number in range(posts):
        published = today - dt.timedelta(days=rng.randrange(3, 3 * 365))
        submitted = published - dt.timedelta(days=rng.randrange(0, 21))
        authors = rng.sample(handles, 2 if rng.random() < 0.1 else 1)
        fields = [
            f"Title: Synthetischer Beitrag {number}",
            f"Date: {published.isoformat()} 09:00",
            f"Category: {rng.choice(['Einblicke', 'Technik', 'Menschen', 'Unternehmen'])}",
            f"{'Authors' if len(authors) > 1 else 'Author'}: {', '.join(authors)}",
            "Lang: de",
            f"Summary: Beitrag {number} über {rng.choice(WORDS)}.",
            f"Reviewed-by: {rng.choice(handles)}",
        ]
        if number % 2:
            fields.append(f"Submitted: {submitted.isoformat()}")
        if rng.random() < 0.1:
            fields.append(f"Modified: {(published + dt.timedelta(days=2)).isoformat()} 10:00")
        if rng.random() < 0.03:
            fields.append(
                f"Correction: {(published + dt.timedelta(days=3)).isoformat()} | correction | "
                "Eine Zahl war falsch."
            )
        if rng.random() < 0.02:
            fields.append("Disclosure: own-product")
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(5))
        path = content / "posts" / str(published.year) / f"beitrag-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(fields) + "\n\n" + body + "\n", encoding="utf-8")
        files.append((submitted, path))
    _commit(root, files)
    for name, plugins in (("full", None), ("minimal", MINIMAL)):
        for variant, with_plugin in (("with", True), ("without", False)):
            (root / f"{name}-{variant}.py").write_text(
                _settings(root, plugins, with_plugin), encoding="utf-8"
            )


def _commit(root: Path, files: list[tuple[dt.date, Path]]) -> None:
    # One commit per month of submissions, so first-commit dates are spread out like real ones.
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "content/authors", "content/pages", "content/images"], check=True)
    by_month: dict[str, list[Path]] = {}
    for submitted, path in sorted(files):
        by_month.setdefault(submitted.strftime("%Y-%m-15T12:00:00"), []).append(path)
    for date, paths in by_month.items():
        subprocess.run([*git, "add", *map(str, paths)], check=True)
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Bench",
            "GIT_AUTHOR_EMAIL": "bench@example.org",
            "GIT_COMMITTER_NAME": "Bench",
            "GIT_COMMITTER_EMAIL": "bench@example.org",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        }
        subprocess.run([*git, "commit", "-q", "-m", f"Posts {date[:7]}"], check=True, env=env)


def _settings(root: Path, plugins: list[str] | None, with_plugin: bool) -> str:
    text = settings_over(
        root / "content", cache=root / ".cache", CACHE_CONTENT=False, DELETE_OUTPUT_DIRECTORY=True
    )
    if plugins is not None:
        chosen = [*plugins[:-1], "transparency", plugins[-1]] if with_plugin else plugins
        text += f"PLUGINS = {chosen!r}\n"  # seo stays last
    elif not with_plugin:
        text += "PLUGINS = [p for p in PLUGINS if p != 'transparency']\n"
    return text


def build(root: Path, settings: str) -> Timing:
    """Time one build in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(
        [sys.executable, "-c", ONE_BUILD, str(REPO), str(root / settings), str(root / "output")],
        capture_output=True,
        text=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        sys.exit(f"build with {settings} failed:\n{completed.stderr[-3000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(figures["seconds"], cpu, figures["page"])


def main() -> None:
    """Generate the site, time the builds, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep bench/.work/transparency")
    args = parser.parse_args()

    write_site(WORK, args.posts)
    shutil.rmtree(WORK / ".cache", ignore_errors=True)
    cold = build(WORK, "minimal-with.py")
    print(
        f"{args.posts} posts. First build with the plugin (git log and template cache cold): "
        f"the page took {cold.page:.2f} s of {cold.wall:.2f} s."
    )
    print("| plugins | without: wall / CPU s | with: wall / CPU s | added (wall, CPU) | page |")
    print("|---|---|---|---|---|")
    for name in ("full", "minimal"):
        runs: dict[str, list[Timing]] = {"with": [], "without": []}
        build(WORK, f"{name}-without.py")  # warm the file system and the photo caches
        for repeat in range(args.repeats):
            # ABBA order, so neither variant always runs right after the other.
            order = ("without", "with") if repeat % 2 == 0 else ("with", "without")
            for variant in order:
                runs[variant].append(build(WORK, f"{name}-{variant}.py"))
        wall = {v: statistics.median(t.wall for t in runs[v]) for v in runs}
        cpu = {v: statistics.median(t.cpu for t in runs[v]) for v in runs}
        page = statistics.median(t.page for t in runs["with"])
        print(
            f"| {name} | {wall['without']:.2f} / {cpu['without']:.2f} "
            f"| {wall['with']:.2f} / {cpu['with']:.2f} "
            f"| {wall['with'] / wall['without'] - 1:+.1%}, {cpu['with'] / cpu['without'] - 1:+.1%} "
            f"| {page:.3f} s = {page / wall['with']:.1%} of the build |"
        )
    print(f"Target: at most {TARGET - 1:.0%} added. Medians of {args.repeats} alternating runs.")
    if not args.keep:
        shutil.rmtree(WORK)


if __name__ == "__main__":
    main()
