"""Write in the browser: Decap CMS at /redaktion/, configured from our settings (WEB_EDITOR_).

Public API for tools and tests:
- `editor_config(settings)`: the CMS configuration the build writes to config.json;
- `repository_root(settings)`: the folder the CMS (and its local proxy) writes into;
- `proxy_url(settings)`: where the editor expects the local proxy in the preview.
"""

from pelican import signals

from .config import editor_config, proxy_url, repository_root
from .generator import add_editor
from .settings import apply_defaults

__all__ = ["editor_config", "proxy_url", "register", "repository_root"]


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_editor)
