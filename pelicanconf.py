"""Settings for building and previewing the sample site (Seewerk Velo AG).

One piece on purpose, past 300 lines: Pelican reads one settings file, and a company adapting
the blog reads every choice in one place, plugin by plugin; publishconf.py and intranetconf.py
change only what differs.
"""

from __future__ import annotations

import os
from typing import Any

from jinja2 import FileSystemBytecodeCache

# --- The site -------------------------------------------------------------
SITENAME = "Seewerk Gesichter"
SITESUBTITLE = "Die Menschen hinter Seewerk Velo AG schreiben selbst."
COMPANY_NAME = "Seewerk Velo AG"
COMPANY_URL = "https://seewerk.example"
SITEURL = ""  # root-relative links for the local preview; publishconf.py sets the real one
SITE_DESCRIPTION = (
    "Der Blog der Seewerk Velo AG: Mitarbeitende aus Konstanz und Kreuzlingen "
    "schreiben über ihre Arbeit, Entscheidungen und Ideen."
)
TIMEZONE = "Europe/Zurich"
DEFAULT_LANG = "de"
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
DEFAULT_PAGINATION = 10
DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # templates format dates with Babel, not strftime

# --- Content layout ---------------------------------------------------------
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
ARTICLE_EXCLUDES = ["authors", "pages", "images", "data"]
PAGE_EXCLUDES = ["authors", "posts", "images", "data"]
WITH_FUTURE_DATES = False  # scheduled posts stay out until their date (they become drafts)
SLUGIFY_SOURCE = "title"
# German transliteration in URLs ("Qualität" -> "qualitaet", not "qualitat"): Pelican's ASCII
# mode would drop the umlauts before any substitution runs, so slugs keep Unicode and map
# the letters here first.
SLUGIFY_USE_UNICODE = True
SLUG_REGEX_SUBSTITUTIONS = [
    (r"ä", "ae"),
    (r"ö", "oe"),
    (r"ü", "ue"),
    (r"ß", "ss"),
    (r"[éèêë]", "e"),
    (r"[àâá]", "a"),
    (r"[îï]", "i"),
    (r"[ôó]", "o"),
    (r"[ûù]", "u"),
    (r"ç", "c"),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]
DEFAULT_METADATA = {"Visibility": "public"}

# --- URLs (German by default; clean URLs that work on any static host) ------
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
# A post in English has the same URL pattern; a translation has a slug of its own and names the
# post it translates in its `Translation-of:` header (site_i18n groups them by that).
ARTICLE_TRANSLATION_ID = "translation_key"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
DRAFT_URL = "entwuerfe/{slug}/"
DRAFT_SAVE_AS = "entwuerfe/{slug}/index.html"
DRAFT_LANG_URL = DRAFT_URL
DRAFT_LANG_SAVE_AS = DRAFT_SAVE_AS
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Pages likewise: the English guide is "join-in/" and names "Translation-of: mitmachen", so a
# reader gets an address in their language rather than "mitmachen-en/".
PAGE_TRANSLATION_ID = "translation_key"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
CATEGORY_URL = "kategorie/{slug}/"
CATEGORY_SAVE_AS = "kategorie/{slug}/index.html"
CATEGORIES_URL = "kategorie/"
CATEGORIES_SAVE_AS = "kategorie/index.html"
TAG_URL = "thema/{slug}/"
TAG_SAVE_AS = "thema/{slug}/index.html"
TAGS_URL = "thema/"
TAGS_SAVE_AS = "thema/index.html"
AUTHOR_URL = "menschen/{slug}/"
AUTHOR_SAVE_AS = ""  # author_profiles writes the author pages (AUTHORS_PAGE_SAVE_AS)
AUTHORS_URL = "menschen/"
AUTHORS_SAVE_AS = ""  # author_profiles writes the faces wall (AUTHORS_WALL_SAVE_AS)
ARCHIVES_URL = "archiv/"
ARCHIVES_SAVE_AS = "archiv/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
# The home and the archive come from site_i18n: one per language, each in its own interface.
DIRECT_TEMPLATES = ["categories", "tags", "authors", "404"]
INDEX_SAVE_AS = "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)

# --- Feeds: Atom for all posts and per category, nothing else ---------------
FEED_DOMAIN = "http://127.0.0.1:8000"  # feeds need absolute links, even in the preview
FEED_ALL_ATOM = "feeds/alle.atom.xml"
CATEGORY_FEED_ATOM = "feeds/kategorie-{slug}.atom.xml"
AUTHOR_FEED_ATOM = None  # author_profiles writes per-author feeds without e-mail addresses
AUTHOR_FEED_RSS = None
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = "feeds/{lang}.atom.xml"  # one feed per language, translations included
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

# --- Markdown ----------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Headings get ids, so a section can be linked (datenschutz/#reichweite). No "[TOC]"
        # marker: looking for it walks every element of every post a second time.
        "markdown.extensions.toc": {"permalink": False, "marker": ""},
        # No smarty: it walks every text node a second time (half of all Markdown time at
        # 1,000 posts) and would put German quotes into English posts; authors type „…“.
    },
    "output_format": "html5",
}


# --- Theme -------------------------------------------------------------------
class OptionAwareBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates, reused only by an environment with the same compile options."""

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Any:
        # Jinja keys the cache by name and source alone, but autoescaping and whitespace
        # control are compiled into the code: a template compiled without autoescaping
        # would keep printing author text raw after autoescaping was switched on. Whether a
        # filter or test takes the context is compiled in too: a cached call without it fails.
        options = (
            environment.autoescape,
            environment.trim_blocks,
            environment.lstrip_blocks,
            sorted(environment.extensions),
            _passed_arguments(environment.filters),
            _passed_arguments(environment.tests),
        )
        return super().get_bucket(environment, name, filename, f"{options!r}\n{source}")


def _passed_arguments(functions: dict[str, Any]) -> list[tuple[str, str]]:
    """Which filters or tests Jinja passes the context (or environment) to, by name."""
    return sorted(
        (name, str(getattr(function, "jinja_pass_arg", "")))
        for name, function in functions.items()
        if getattr(function, "jinja_pass_arg", None) is not None
    )


def _jinja_bytecode_cache(folder: str) -> FileSystemBytecodeCache:
    os.makedirs(folder, exist_ok=True)
    return OptionAwareBytecodeCache(folder)


JINJA_ENVIRONMENT = {
    # Every value is escaped; HTML made on purpose arrives as Markup (plugins/safe_html,
    # plugins/faces_common/html.py). The safe_html plugin refuses to build without it.
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
    # Compiled templates survive between builds (the preview rebuilds in one process too).
    "bytecode_cache": _jinja_bytecode_cache(".cache/jinja"),
}
MENU_PAGES = ["ueber-uns", "redaktionsleitfaden"]  # page slugs shown in the main navigation
FOOTER_PAGES = ["impressum", "datenschutz", "redaktionsleitfaden"]
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

# --- Caching: the content cache makes the preview's rebuilds cheap -------------
# Publishing reads it too: the content_cache plugin keeps it only for the readers' own settings
# and code (the preview and the publish build share it) and writes it in one piece.
CACHE_PATH = ".cache/pelican"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
DELETE_OUTPUT_DIRECTORY = False
GZIP_CACHE = False  # the preview reads and writes the cache on every rebuild; gzip cost 0.3 s
STATIC_CHECK_IF_MODIFIED = True  # copy a static file only when it changed

# --- Plugins -------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "safe_html",
    "site_i18n",
    "content_checks",
    "content_cache",
    "parallel_read",
    "visibility",
    "fast_preview",
    "fragment_cache",
    "output_folders",
    "parallel_write",
    "author_profiles",
    # Before editorial: its images are finished before the review page's check asks for them
    # (after it, the check encoded the images the workers had not finished a second time).
    "clean_images",
    "editorial",
    "idea_polls",
    "comments",
    "story_intake",
    "transparency",
    "reach",
    "site_search",
    "seo",
    "web_editor",
]

# Language of the interface and of dates: "de_CH", "de_DE" or "en_GB" (English UI).
I18N_LOCALE = os.environ.get("FACES_LOCALE", "de_CH")
# How the German interface addresses readers: "Sie" (formal) or "du"; the backend reads it too.
I18N_ADDRESS = os.environ.get("FACES_ADDRESS", "Sie")
# The site's own texts on pages in the other language (the English section, English posts).
I18N_SITE_TEXT = {
    "en": {
        "SITESUBTITLE": "The people behind Seewerk Velo AG write for themselves.",
        "SITE_DESCRIPTION": (
            "The blog of Seewerk Velo AG: people from Konstanz and Kreuzlingen write about "
            "their work, decisions and ideas."
        ),
    },
    "de": {"SITESUBTITLE": SITESUBTITLE, "SITE_DESCRIPTION": SITE_DESCRIPTION},
}
# Language of every plugin's problem reports and messages: the interface language.
MESSAGES_LANG = I18N_LOCALE[:2]

CHECKS_CATEGORIES = ["Einblicke", "Technik", "Nachhaltigkeit", "Menschen", "Unternehmen", "Ideen"]
CHECKS_LANGUAGES = ["de", "en"]

SEO_ROBOTS_DISALLOW = ["/entwuerfe/"]
# Fields of this blog on top of Pelican's own (see docs/writing.md).
CHECKS_EXTRA_FIELDS = [
    "submitted",
    "reviewed-by",
    "image",
    "image-alt",
    "image-credit",
    "correction",
    "disclosure",
    "visibility",
    "id",
    "comments",
    "translation-of",
    # Credited help by role (author_profiles), with the same handles as Authors:.
    "told-to",
    "interview",
    "photos",
    "translation",
]
CHECKS_CHOICES = {
    "disclosure": ["sponsored", "paid-partnership", "own-product"],
    "visibility": ["public", "internal"],
}

# --- author_profiles: profiles, author pages, the faces wall (see README) ----------
AUTHORS_DEPARTMENTS = {  # in the order of the faces wall
    "geschaeftsleitung": "Geschäftsleitung",
    "entwicklung": "Entwicklung",
    "produktion": "Produktion",
    "vertrieb": "Vertrieb",
    "kundendienst": "Kundendienst",
    "personal": "Personal",
    "kommunikation": "Kommunikation",
    "finanzen": "Finanzen",
}
AUTHORS_LEVELS = {  # from the executive board down
    "vorstand": "Vorstand",
    "bereichsleitung": "Bereichsleitung",
    "teamleitung": "Teamleitung",
    "fachkraft": "Fachkraft",
    "ausbildung": "Ausbildung",
}
AUTHORS_REMOVED_LABEL = "Ehemaliges Teammitglied"
AUTHORS_DEPARTMENT_URL = "menschen/abteilung/{key}/"
AUTHORS_DEPARTMENT_SAVE_AS = "menschen/abteilung/{key}/index.html"
AUTHORS_LEVEL_URL = "menschen/ebene/{key}/"
AUTHORS_LEVEL_SAVE_AS = "menschen/ebene/{key}/index.html"
AUTHORS_GUEST_URL = "menschen/gaeste/"
AUTHORS_GUEST_SAVE_AS = "menschen/gaeste/index.html"
AUTHORS_GUESTS_LABEL = "Gäste"
AUTHORS_TOPIC_URL = "menschen/thema/{key}/"
AUTHORS_TOPIC_SAVE_AS = "menschen/thema/{key}/index.html"
AUTHORS_FEED_ATOM = "feeds/menschen-{slug}.atom.xml"
AUTHORS_PHOTOS_PATH = "menschen/fotos"
AUTHORS_CARDS_PATH = "menschen/karten"
# Social cards serve link previews, which never reach the preview: it draws a card only when
# one is asked for (`invoke livereload`); publishconf.py draws them all in the build.
AUTHORS_CARDS_ON_REQUEST = True
# Likewise the smaller copies of post covers (srcset): the preview server makes one when a page
# first asks for it; publishconf.py makes them all in the build.
CLEAN_IMAGES_COVER_COPIES_ON_REQUEST = True
# Likewise a post's JPEG picture: the build checks it (every warning and refusal as in a
# publish build) and the preview server makes its clean file when a page first shows it.
CLEAN_IMAGES_ON_REQUEST = True
# Likewise a new person's photo: the build checks it (every warning and refusal as in a
# publish build) and the preview server makes its sizes when a page first shows it.
AUTHORS_PHOTOS_ON_REQUEST = True
# Likewise the search index: the build orders it, the preview server runs Pagefind right after
# the build (a search waits for it); publishconf.py indexes the site in the build.
SEARCH_INDEX_ON_REQUEST = True
# Social cards use the DejaVu Sans Bold that ships with author_profiles (umlauts and ß on every
# machine, the same pixels everywhere); AUTHORS_CARD_FONT names another TrueType file.

# --- editorial: checks, new posts, review page, edit links (see docs/writing.md) ----
EDITORIAL_REVIEW_PAGE = True  # the editors' page at /entwuerfe/; publishconf.py turns it off
# e.g. "https://github.com/seewerk/blog"; CI sets it from the repository it runs in.
EDITORIAL_REPOSITORY_URL = os.environ.get("EDITORIAL_REPOSITORY_URL") or None
# GitLab: "{repository}/-/edit/{branch}/{path}"
EDITORIAL_EDIT_URL = os.environ.get("EDITORIAL_EDIT_URL", "{repository}/edit/{branch}/{path}")
EDITORIAL_REPOSITORY_BRANCH = os.environ.get("EDITORIAL_REPOSITORY_BRANCH", "main")

# --- web_editor: write in the browser at /redaktion/ (see docs/writing.md) ------------
# The preview serves Decap CMS against this working copy through the local proxy that
# `invoke livereload` starts; publishconf.py switches the editor off, intranetconf.py on.
WEB_EDITOR_ENABLED = True

# --- idea_polls: polls in posts and the poll backend (see docs/polls.md) ------------
# The preview (`invoke livereload`) serves the backend under /api on the site's own origin.
# Typed as optional: publishconf.py sets them to None where no backend is deployed.
POLLS_ENDPOINT: str | None = "/api/vote"
POLLS_RESULTS_ENDPOINT: str | None = "/api/polls/{poll}/results"
POLLS_SNAPSHOT_PATH = "data/poll-results.json"  # written by `invoke poll-results`, under PATH

# --- comments: moderated comments under posts (see README) -------------------------
# The preview (`invoke livereload`) serves the backend under /api on the site's own origin.
COMMENTS_ENDPOINT: str | None = "/api/comments"

# --- story_intake: "Geschichte vorschlagen", colleagues propose stories (docs/stories.md) ----
# The preview (`invoke livereload`) serves the backend under /api on the site's own origin.
STORIES_ENDPOINT: str | None = "/api/stories"

# --- transparency: the transparency page (see docs/transparency.md) --------------
# Its address comes from the plugin's defaults ("transparenz/"), so the navigation links to
# it only while the plugin is enabled. An English site sets TRANSPARENCY_URL = "transparency/"
# and TRANSPARENCY_SAVE_AS = "transparency/index.html".
TRANSPARENCY_MONTHS = 24
TRANSPARENCY_EDITORIAL_PAGE = "redaktionsleitfaden"

# --- reach: privacy-friendly view counts (see docs/reach.md) ------------------------
# The preview (`invoke livereload`) counts views in its backend under /api on the site's own
# origin; `invoke reach-pull` brings the counts into content/data/views.json for the next build.
REACH_ENDPOINT: str | None = "/api/views"
