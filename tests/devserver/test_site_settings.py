"""devserver.site_settings: a settings file over another content folder reads as the project's."""

from __future__ import annotations

from pathlib import Path

from pelican.settings import read_settings

from devserver.site_settings import ROOT, settings_over


def test_the_file_is_the_projects_settings_with_this_content_and_the_overrides(
    tmp_path: Path,
) -> None:
    (tmp_path / "content").mkdir()
    settings_file = tmp_path / "siteconf.py"
    settings_file.write_text(
        settings_over(
            tmp_path / "content",
            cache=tmp_path / ".cache",
            SITEURL="https://blog.example.com",
            POLLS_ENDPOINT=None,
            CHECKS_CATEGORIES=["Technik", "Menschen"],
        ),
        encoding="utf-8",
    )
    settings = read_settings(str(settings_file))
    project = read_settings(str(ROOT / "pelicanconf.py"))
    assert settings["PATH"] == str(tmp_path / "content")
    assert settings["THEME"] == str(ROOT / "theme")
    assert settings["PLUGINS"] == project["PLUGINS"]
    assert settings["CACHE_PATH"] == str(tmp_path / ".cache")
    assert settings["LOAD_CONTENT_CACHE"] is False
    assert settings["SITEURL"] == "https://blog.example.com"
    assert settings["POLLS_ENDPOINT"] is None
    assert settings["CHECKS_CATEGORIES"] == ["Technik", "Menschen"]


def test_without_a_cache_folder_the_base_settings_keep_theirs(tmp_path: Path) -> None:
    settings_file = tmp_path / "siteconf.py"
    settings_file.write_text(settings_over(tmp_path, base="publishconf"), encoding="utf-8")
    text = settings_file.read_text(encoding="utf-8")
    assert "from publishconf import *" in text
    assert "CACHE_PATH" not in text and "LOAD_CONTENT_CACHE" not in text
