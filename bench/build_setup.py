"""What the build benchmark writes and runs besides the builds: settings files and scripts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from build_records import REPO, Layout
from synthetic import SyntheticSite

# Runs the `invoke build` task function itself, after wrapping each stage function with a
# timer wherever it has been imported (a method, "Class.method", on its class).
OUR_BUILD = """
import importlib, json, os, sys, time
repo, settings, output, report, stages = sys.argv[1:6]
sys.path[:0] = [repo, os.path.join(repo, "plugins")]
spent = {}
def timer(stage, original):
    def timed(*args, **kwargs):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent.setdefault(stage, []).append(time.perf_counter() - started)
            spent.setdefault(f"{stage} CPU", []).append(time.process_time() - cpu)
    return timed
for stage, (module_name, function) in json.loads(stages).items():
    owner_name, _, function = function.rpartition(".")
    try:
        module = importlib.import_module(module_name)
        owner = getattr(module, owner_name) if owner_name else module
        original = getattr(owner, function)
    except Exception:
        continue  # not there (yet): the build reports what it can
    if owner_name:  # a method: wrapped on its class
        setattr(owner, function, timer(stage, original))
        continue
    package = module_name.split(".")[0]
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == package and getattr(module, function, None) is original:
            setattr(module, function, timer(stage, original))
from pelican import signals
def time_generator(generator):
    # Every generator's two steps, by class: Pelican's own and each plugin's.
    kind = type(generator).__name__
    for step in ("generate_context", "generate_output"):
        if hasattr(generator, step):
            setattr(generator, step, timer(f"{kind}.{step}", getattr(generator, step)))
signals.generator_init.connect(time_generator)
def resident(stage):
    # The build process's RSS at a stage: where its memory grows, beside the peak.
    def note(sender):
        if os.getpid() != build_pid:
            return  # the forked writer shares the signals
        with open("/proc/self/status") as status:
            kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        spent.setdefault(stage, []).append(kib / 1024)
    return note
build_pid = os.getpid()
signals.all_generators_finalized.connect(resident("RSS after reading MiB"), weak=False)
signals.finalized.connect(resident("RSS after writing MiB"), weak=False)
import resource
from invoke import Context
import tasks
code = 0
started = time.perf_counter()
try:
    tasks.build(Context(), settings=settings, output=output)
except SystemExit as stop:
    code = stop.code or 0
spent["build"] = [time.perf_counter() - started]
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
spent["build process CPU"] = [own.ru_utime + own.ru_stime]
spent["other processes CPU"] = [children.ru_utime + children.ru_stime]
# Whose peak the build's peak is: this process's, or the largest of its workers and Pagefind.
spent["build process peak MiB"] = [own.ru_maxrss / 1024]
spent["largest other process peak MiB"] = [children.ru_maxrss / 1024]
with open(report, "w") as out:
    json.dump({stage: sum(times) for stage, times in spent.items()}, out)
sys.exit(code)
"""
PREVIEW_SERVER = """
import sys
repo, settings, output, content, port = sys.argv[1:6]
sys.path[:0] = [repo, repo + "/plugins"]
from devserver.server import serve_preview
serve_preview(settings, output, [content], "127.0.0.1", int(port), False)
"""
# Profiles, in one process like the preview: a clean build (empty output, Pelican's content
# cache dropped, the photo cache kept), then after one edit the rebuilds the preview runs: the
# edited post's page alone (when fast_preview is in PLUGINS), then the whole site.
PROFILE_BUILDS = """
import cProfile, io, os, pstats, sys, sysconfig
repo, settings, output, post, report, quick = sys.argv[1:7]
sys.path[:0] = [repo, os.path.join(repo, "plugins")]
from devserver.build import build
text = io.StringIO()
def profiled(key, name, overrides):
    profiler = cProfile.Profile()
    profiler.enable()
    result = build(settings, overrides)
    profiler.disable()
    profiler.dump_stats(f"{report}.{key}.prof")
    text.write(f"### {name}: {result.seconds:.2f} s ({result.problems} problem(s))\\n")
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(12)
profiled("clean", "Clean build, plugin caches kept", {"OUTPUT_PATH": output})
with open(post, "a", encoding="utf-8") as source:
    source.write("\\n\\nEin Satz, der nur für das Profil angehängt wurde.\\n")
if quick == "yes":
    only = {"OUTPUT_PATH": output, "FAST_PREVIEW_SOURCES": [post]}
    profiled("edited", "Rebuild after one edit, the edited post only", only)
profiled("whole", "Rebuild after one edit, whole site", {"OUTPUT_PATH": output})
text = text.getvalue().replace(sysconfig.get_paths()["purelib"] + "/", "")
text = text.replace(repo + "/", "").replace(sys.prefix, "<venv>")
with open(report, "w", encoding="utf-8") as out:
    out.write(text)
"""
# What a settings file resolves to, read in a subprocess the way a build reads it.
PROBE_SETTINGS = """
import json, sys
from pelican.settings import read_settings
settings = read_settings(sys.argv[1])
keys = ("PLUGINS", "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_USE_UNICODE", "SLUGIFY_PRESERVE_CASE",
        "AUTHOR_URL")
print(json.dumps({key: settings.get(key) for key in keys}))
"""


def write_settings(layout: Layout, site: SyntheticSite) -> None:
    """Settings for our build (pelicanconf.py on the synthetic site) and for plain Pelican."""
    content = str(site.content)
    layout.path("settings_ours.py").write_text(
        '"""pelicanconf.py on the synthetic site (written by bench/bench_build.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"PATH = {content!r}\n"
        f"OUTPUT_PATH = {str(layout.path('out-ours'))!r}\n"
        f"CACHE_PATH = {str(layout.path('cache-ours'))!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {list(site.categories)!r}\n",
        encoding="utf-8",
    )
    layout.path("settings_publish.py").write_text(
        '"""publishconf.py on the synthetic site (written by bench/bench_build.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from publishconf import *  # noqa: F403\n"
        # What an operator sets in the environment; written here so the build is the real one.
        "SITEURL = FEED_DOMAIN = 'https://blog.seewerk.example'\n"
        f"PATH = {content!r}\n"
        f"OUTPUT_PATH = {str(layout.path('out-publish'))!r}\n"
        # The same cache folder as the preview builds: the photo and card caches are shared.
        f"CACHE_PATH = {str(layout.path('cache-ours'))!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {list(site.categories)!r}\n",
        encoding="utf-8",
    )
    layout.path("settings_one_writer.py").write_text(
        '"""pelicanconf.py on the synthetic site, pages written by the build process alone."""\n'
        "from settings_ours import *  # noqa: F403\n"
        "PARALLEL_WRITE_PROCESSES = 1\n",
        encoding="utf-8",
    )
    for name, output, cache in (
        ("settings_plain.py", "out-plain", False),
        ("settings_plain_loop.py", "out-plain-loop", True),
    ):
        layout.path(name).write_text(
            '"""Plain Pelican: default theme, no plugins (written by bench/bench_build.py)."""\n'
            f"PATH = {content!r}\n"
            f"OUTPUT_PATH = {str(layout.path(output))!r}\n"
            f"CACHE_PATH = {str(layout.path('cache-plain'))!r}\n"
            'ARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\nSTATIC_PATHS = ["images"]\n'
            'ARTICLE_EXCLUDES = ["authors", "pages", "images"]\n'
            'PAGE_EXCLUDES = ["authors", "posts", "images"]\n'
            'SITENAME = "Plain Pelican"\nTIMEZONE = "Europe/Zurich"\nDEFAULT_LANG = "de"\n'
            "DEFAULT_PAGINATION = 10\nPLUGINS = []\n"
            # Pelican's default "**/.*" matches every path under bench/.work/, so `pelican -r`
            # would never see an edit there; ".*" still keeps hidden files out of the build.
            'IGNORE_FILES = [".*"]\n'
            f"CACHE_CONTENT = {cache}\nLOAD_CONTENT_CACHE = {cache}\n",
            encoding="utf-8",
        )


def probe_settings(settings_file: Path) -> dict[str, Any]:
    """PLUGINS and the slug rules of a settings file, read in a subprocess like a build."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE_SETTINGS, str(settings_file)],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings_file.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def slug_of(title: str, settings: dict[str, Any]) -> str:
    """The slug the given settings make of a title (as pelican.contents does)."""
    from pelican.utils import slugify

    return slugify(
        title,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"] or [],
        preserve_case=bool(settings["SLUGIFY_PRESERVE_CASE"]),
        use_unicode=bool(settings["SLUGIFY_USE_UNICODE"]),
    )
