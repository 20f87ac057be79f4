"""The editor's configuration follows the settings, and what it writes passes the check."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from editorial.config import SettingsFileError, load_settings
from web_editor import editor_config

from devserver.site_settings import settings_over
from tests.sites import ROOT, BuildRun, run_invoke

EDITOR_JS = ROOT / "plugins" / "web_editor" / "static" / "editor.js"


@pytest.fixture(scope="module")
def site() -> dict[str, Any]:
    """The preview's settings with every plugin's defaults."""
    return load_settings(str(ROOT / "pelicanconf.py"))


def fields(config: dict[str, Any], collection: str) -> dict[str, dict[str, Any]]:
    """One collection's fields by name."""
    found = next(c for c in config["cms"]["collections"] if c["name"] == collection)
    return {field["name"]: field for field in found["fields"]}


def test_the_choices_are_the_settings(site: dict[str, Any]) -> None:
    post = fields(editor_config(site), "posts")
    assert post["category"]["options"] == site["CHECKS_CATEGORIES"]
    assert post["lang"]["options"] == site["CHECKS_LANGUAGES"]
    assert post["lang"]["default"] == site["DEFAULT_LANG"]
    assert post["visibility"]["options"] == site["CHECKS_CHOICES"]["visibility"]
    assert post["status"]["options"] == site["CHECKS_STATUSES"]
    assert post["status"]["default"] == "draft"
    assert post["authors"]["collection"] == "profiles" and post["authors"]["min"] == 1


def test_a_changed_setting_changes_the_config(site: dict[str, Any]) -> None:
    changed = {**site, "CHECKS_CATEGORIES": ["Werkstatt"], "CHECKS_LANGUAGES": ["de", "fr"]}
    post = fields(editor_config(changed), "posts")
    assert (post["category"]["options"], post["lang"]["options"]) == (["Werkstatt"], ["de", "fr"])
    moved = {**site, "EDITORIAL_NEW_POST_PATH": "blog/{year}-{slug}.md"}
    posts = editor_config(moved)["cms"]["collections"][0]
    assert (posts["folder"], posts["path"]) == ("content/blog", "{{year}}-{{slug}}")


def test_files_go_where_new_post_puts_them(site: dict[str, Any]) -> None:
    config = editor_config(site)
    posts, profiles = config["cms"]["collections"]
    content = Path(site["PATH"]).relative_to(ROOT).as_posix()
    written = f"{posts['folder']}/{posts['path']}.{posts['extension']}"
    expected = f"{content}/" + site["EDITORIAL_NEW_POST_PATH"]
    assert written.replace("{{year}}", "{year}").replace("{{slug}}", "{slug}") == expected
    assert profiles["folder"] == f"{content}/authors"
    assert config["cms"]["media_folder"] == f"{content}/images"
    assert not {"consent", "consent-date", "status", "editor"} & set(fields(config, "profiles"))


def test_the_header_order_is_the_one_new_post_writes(site: dict[str, Any], tmp_path: Path) -> None:
    result = run_invoke(
        "new-post",
        "--title",
        "Probe",
        "--author",
        "anja-seidel",
        "--category",
        "Ideen",
        "--lang",
        "de",
        "--settings",
        str(_settings_over_copy(tmp_path)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = next((tmp_path / "content" / "posts").rglob("probe.md")).read_text(encoding="utf-8")
    header = written.split("\n\n", 1)[0].splitlines()
    assert [line.split(":", 1)[0].lower() for line in header] == editor_config(site)["site"][
        "header_order"
    ]


def test_a_file_in_the_editors_format_passes_invoke_check(
    site: dict[str, Any], tmp_path: Path
) -> None:
    settings = _settings_over_copy(tmp_path)
    data = {
        "title": "Neue Spinde für Halle 2",
        "summary": "Zwölf belüftete Spinde, ab Montag.",
        "category": "Unternehmen",
        "authors": ["anja-seidel", "nadine-koch"],
        "lang": "de",
        "date": "2026-06-01 08:00",
        "tags": ["Werk", "Umkleide"],
        "visibility": "internal",
        "status": "draft",
        "filename": "neue-spinde-fuer-halle-2",
        "id": "2026-neue-spinde-fuer-halle-2",
        "submitted": "2026-05-28",
        "body": "Ab Montag gibt es zwölf neue Spinde.\n",
    }
    text = _to_file(editor_config(site)["site"], data)
    assert text.splitlines()[:12] == [
        "Title: Neue Spinde für Halle 2",
        "Id: 2026-neue-spinde-fuer-halle-2",
        "Date: 2026-06-01 08:00",
        "Category: Unternehmen",
        "Tags: Werk, Umkleide",
        "Authors: anja-seidel, nadine-koch",
        "Lang: de",
        "Summary: Zwölf belüftete Spinde, ab Montag.",
        "Submitted: 2026-05-28",
        "Visibility: internal",
        "Status: draft",
        "",
    ]
    post = tmp_path / "content" / "posts" / "2026" / "neue-spinde-fuer-halle-2.md"
    post.write_text(text, encoding="utf-8")
    checked = run_invoke("check", "--settings", str(settings))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # And the editor reads back exactly what it wrote.
    assert _to_file(editor_config(site)["site"], _from_file(text)) == text


def test_the_public_build_has_no_editor(public_site: BuildRun) -> None:
    assert not (public_site.output / "redaktion").exists()
    assert not list(public_site.output.rglob("decap-cms.js"))
    assert not list(public_site.output.rglob("config.json"))


def _settings_over_copy(folder: Path) -> Path:
    shutil.copytree(ROOT / "content", folder / "content")
    settings = folder / "site.py"
    settings.write_text(settings_over(folder / "content", cache=folder / "cache"), "utf-8")
    return settings


def _node(script: str, payload: Any) -> Any:
    """Run editor.js in Node (as the page does, without the CMS) and one call of its API."""
    harness = (
        "globalThis.window = globalThis; globalThis.fetch = () => new Promise(() => {});"
        f"require({json.dumps(str(EDITOR_JS))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        f"process.stdout.write(JSON.stringify({script}));"
    )
    completed = subprocess.run(
        ["node", "-e", harness],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(completed.stdout)


def _to_file(site: dict[str, Any], data: dict[str, Any]) -> str:
    return str(
        _node("window.facesEditor.makeToFile(input.site)(input.data)", {"site": site, "data": data})
    )


def _from_file(text: str) -> dict[str, Any]:
    return dict(_node("window.facesEditor.fromFile(input)", text))


def test_every_setting_is_documented_in_the_readme() -> None:
    from web_editor.settings import DEFAULTS

    from tests.readme import documented_settings

    assert documented_settings("web_editor", "WEB_EDITOR_") == set(DEFAULTS)


def test_english_by_setting(site: dict[str, Any]) -> None:
    config = editor_config({**site, "WEB_EDITOR_LOCALE": "en"})
    assert config["cms"]["locale"] == "en"
    assert fields(config, "posts")["title"]["label"] == "Title"
    assert fields(editor_config(site), "posts")["title"]["label"] == "Titel"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("WEB_EDITOR_PATH", "../outside"),
        ("WEB_EDITOR_PATH", "/"),
        ("WEB_EDITOR_PROXY_PORT", 0),
        ("WEB_EDITOR_PROXY_PORT", "8081"),
        ("WEB_EDITOR_LOCALE", "fr"),
        ("WEB_EDITOR_PROXY_MODE", "branches"),
        ("WEB_EDITOR_PROXY_MODE", None),
        ("WEB_EDITOR_BACKEND", {"name": "bitbucket", "repo": "seewerk/blog"}),
        ("WEB_EDITOR_BACKEND", {"name": "gitlab"}),
        ("WEB_EDITOR_BACKEND", {"name": "gitea", "repo": "seewerk/blog", "app_id": "x"}),
        ("WEB_EDITOR_BACKEND", {"name": "github", "repo": "seewerk/blog"}),
        ("WEB_EDITOR_BACKEND", {"name": "gitlab", "repo": "seewerk/blog", "app_id": "x"}),
        ("WEB_EDITOR_BACKEND", "github"),
    ],
)
def test_a_bad_setting_is_refused_by_name(key: str, value: object) -> None:
    with pytest.raises(SettingsFileError, match=key):
        load_settings(str(ROOT / "pelicanconf.py"), {key: value})


def test_a_profile_keeps_its_order_and_a_new_photo_goes_where_new_post_puts_it(
    site: dict[str, Any],
) -> None:
    original = (ROOT / "content" / "authors" / "nadine-koch.md").read_text(encoding="utf-8")
    data = {**_from_file(original), "photo": "nadine-koch-neu.jpg"}
    header = _to_file(editor_config(site)["site"], data).split("\n\n", 1)[0].splitlines()
    old_header = original.split("\n\n", 1)[0].splitlines()
    at = old_header.index(next(line for line in old_header if line.startswith("Linkedin:")))
    assert header == [*old_header[: at + 1], "Photo: nadine-koch-neu.jpg", *old_header[at + 1 :]]


def test_the_profile_order_is_the_one_new_post_writes(site: dict[str, Any]) -> None:
    from editorial.new_post.scaffold import NewAuthor, profile_text

    header = profile_text(NewAuthor("jana-roth", "Jana Roth"), "de").split("\n\n", 1)[0]
    assert [line.split(":", 1)[0].lower() for line in header.splitlines()] == editor_config(site)[
        "site"
    ]["profile_header_order"]


def test_a_code_host_gets_the_editorial_workflow(site: dict[str, Any]) -> None:
    host = {"name": "gitlab", "repo": "seewerk/blog", "auth_type": "pkce", "app_id": "4e1f"}
    config = editor_config({**site, "WEB_EDITOR_BACKEND": host})["cms"]
    assert config["backend"] == {"branch": site["EDITORIAL_REPOSITORY_BRANCH"], **host}
    assert config["publish_mode"] == "editorial_workflow"
    # Decap's own sign-in words with a code host; the local proxy's "Login" only opens the editor.
    assert editor_config({**site, "WEB_EDITOR_BACKEND": host})["site"]["login"] == ""
    assert editor_config(site)["site"]["login"] == "Editor öffnen"
    local = editor_config(site)["cms"]
    assert local["backend"]["name"] == "proxy" and "publish_mode" not in local


def test_the_local_proxy_in_git_mode_gets_the_board_and_its_refusal(site: dict[str, Any]) -> None:
    config = editor_config({**site, "WEB_EDITOR_PROXY_MODE": "git"})
    assert config["cms"]["backend"]["name"] == "proxy"
    assert config["cms"]["publish_mode"] == "editorial_workflow"
    # The sample site is Swiss (de_CH): its quotation marks are guillemets.
    assert config["site"]["publish_refusal"].startswith(
        "Der Beitrag ist noch nicht freigegeben. Öffnen Sie ihn, wählen Sie unter «Gegengelesen"
    )
    german = editor_config({**site, "WEB_EDITOR_PROXY_MODE": "git", "I18N_LOCALE": "de_DE"})
    assert "unter „Gegengelesen von“ die Person" in german["site"]["publish_refusal"]
    # Decap's own words stay on the board, where publishing really merges.
    assert config["site"]["toolbar"] == {}
    saving = editor_config(site)["site"]["toolbar"]
    assert (saving["publish"], saving["publishNow"]) == ("Speichern", "Jetzt speichern")
    english = editor_config({**site, "WEB_EDITOR_PROXY_MODE": "git", "WEB_EDITOR_LOCALE": "en"})
    # English quotation marks, on a Swiss site too.
    assert english["site"]["publish_refusal"] == (
        "The post has not been released yet. Open it, choose the editor who read it under "
        "“Reviewed by”, set “Status” to published, save, then publish."
    )
