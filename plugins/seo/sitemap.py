"""Render sitemap.xml and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape


def render_sitemap(urls: list[str]) -> str:
    """A sitemaps.org urlset with one <url><loc> per address."""
    entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def render_robots(sitemap_url: str, disallow: list[str]) -> str:
    """robots.txt allowing everything except the given paths, naming the sitemap."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow)]
    if not disallow:
        lines.append("Disallow:")
    return "\n".join([*lines, "", f"Sitemap: {sitemap_url}", ""])
