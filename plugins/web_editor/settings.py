"""The WEB_EDITOR_ settings: their defaults, merged once when Pelican starts, and their checks."""

from __future__ import annotations

from typing import Any

from faces_common.messages import merge_messages_lang
from faces_common.settings import is_whole_number, merge_defaults, setting_error

# The code hosts whose sign-in and pull requests the editor supports (Decap CMS backends).
# Not Gitea: Decap 3.16's Gitea backend refuses publish_mode editorial_workflow, so every save
# would be a commit straight to the main branch, past any review (docs/writing.md).
CODE_HOSTS = ("github", "gitlab")
# decap-server's two ways of saving (its MODE): files only, or branches and commits.
PROXY_MODES = ("fs", "git")

DEFAULTS: dict[str, Any] = {
    # Write the web editor into the build. pelicanconf.py (preview) and intranetconf.py switch it
    # on; publishconf.py keeps it off, so the public site never carries the editor.
    "WEB_EDITOR_ENABLED": False,
    # Output folder of the editor page, its configuration and its scripts.
    "WEB_EDITOR_PATH": "redaktion",
    # The company's code host for sign-in and pull requests, e.g. {"name": "gitlab", "repo":
    # "seewerk/blog", "base_url": "https://git.seewerk.example"}; None: the local proxy only.
    "WEB_EDITOR_BACKEND": None,
    # Slugs of the pages that link to the editor ("Im Browser schreiben"), the guide first: the
    # German "Mitmachen" and its English translation "Join in". The editor's own page links to
    # the first one's version in WEB_EDITOR_LOCALE.
    "WEB_EDITOR_LINK_PAGES": ["mitmachen", "join-in"],
    # Port of the local proxy (decap-server) that `invoke livereload` starts on 127.0.0.1.
    "WEB_EDITOR_PROXY_PORT": 8081,
    # How the local proxy saves: "fs" writes files into the working copy; "git" commits each
    # entry on its own cms/ branch and shows the board (draft, in review, ready). "git" checks
    # out branches in the folder, so use it in a separate clone (docs/writing.md).
    "WEB_EDITOR_PROXY_MODE": "fs",
    # Language of the editor's interface: None follows MESSAGES_LANG ("de" or "en").
    "WEB_EDITOR_LOCALE": None,
    # Stylesheets the preview pane uses, as paths in the output (the post page's own CSS).
    "WEB_EDITOR_PREVIEW_CSS": ["theme/css/site.css", "theme/css/polls.css"],
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings)
    if settings["WEB_EDITOR_LOCALE"] is None:
        settings["WEB_EDITOR_LOCALE"] = settings["MESSAGES_LANG"]
    validate(settings)


def validate(settings: dict[str, Any]) -> None:
    """Raise ValueError naming the first WEB_EDITOR_ setting that cannot work."""
    path = settings["WEB_EDITOR_PATH"]
    if not isinstance(path, str) or not path.strip("/") or ".." in path.split("/"):
        raise setting_error("WEB_EDITOR_PATH", path, "a folder name such as 'redaktion'")
    port = settings["WEB_EDITOR_PROXY_PORT"]
    if not is_whole_number(port, 1, 65535):
        raise setting_error("WEB_EDITOR_PROXY_PORT", port, "a port number from 1 to 65535")
    if settings["WEB_EDITOR_PROXY_MODE"] not in PROXY_MODES:
        raise setting_error(
            "WEB_EDITOR_PROXY_MODE", settings["WEB_EDITOR_PROXY_MODE"], "'fs' or 'git'"
        )
    if settings["WEB_EDITOR_LOCALE"] not in ("de", "en"):
        raise setting_error("WEB_EDITOR_LOCALE", settings["WEB_EDITOR_LOCALE"], "'de' or 'en'")
    backend = settings["WEB_EDITOR_BACKEND"]
    if backend is None:
        return
    if isinstance(backend, dict) and backend.get("name") == "gitea":
        raise setting_error(
            "WEB_EDITOR_BACKEND",
            backend,
            "github or gitlab: Decap CMS has no review board for Gitea, every save would go "
            "straight to the main branch",
        )
    if not isinstance(backend, dict) or backend.get("name") not in CODE_HOSTS:
        raise setting_error(
            "WEB_EDITOR_BACKEND",
            backend,
            'None or a dict with "name" one of github, gitlab and "repo" "owner/name"',
        )
    if "/" not in str(backend.get("repo", "")):
        raise setting_error("WEB_EDITOR_BACKEND", backend, 'a "repo" such as "seewerk/blog"')
    _check_sign_in(backend)


def _check_sign_in(backend: dict[str, Any]) -> None:
    # Without these keys Decap signs in through api.netlify.com, a host that is not ours.
    if backend["name"] == "github" and not backend.get("base_url"):
        raise setting_error(
            "WEB_EDITOR_BACKEND",
            backend,
            'a "base_url" for GitHub: the address of the company\'s own OAuth proxy',
        )
    if backend["name"] == "gitlab" and (
        backend.get("auth_type") != "pkce" or not backend.get("app_id")
    ):
        raise setting_error(
            "WEB_EDITOR_BACKEND",
            backend,
            'for GitLab "auth_type": "pkce" and "app_id": the application id of the GitLab '
            "application",
        )
