"""sitemap.xml and robots.txt from what the build wrote (settings prefix SEO_)."""

from .plugin import register

__all__ = ["register"]
