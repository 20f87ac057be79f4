"""Photos on request: a check that finds what a render finds, and the preview making the photo."""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from pathlib import Path

import author_profiles.photos.entry
import author_profiles.photos.orders
import pytest
from author_profiles import draw_ordered_card, make_ordered_photo, ordered_photos
from author_profiles.card_cache import CardJob, CardStyle, start_cards
from author_profiles.cards import CardPerson, draw_author_card
from author_profiles.photo_orders import ORDERS_FILE, write_orders
from author_profiles.photos import PhotoJob, PhotoResult, PhotoSettings, start_photos
from author_profiles.portraits import Portrait, _portrait
from editorial.review.linkcheck import check_output
from PIL import Image, ImageDraw, ImageOps

from devserver.server import ReloadHub, create_preview_app
from tests.author_profiles.test_photos import (
    D50,
    SRGB_BLUE,
    bomb_png,
    exif_with_gps,
    mean_difference,
    rgb_profile,
)
from tests.backend.helpers import TestClient

SETTINGS = {"AUTHORS_PHOTOS_PATH": "menschen/fotos"}
STYLE = CardStyle(company="Seewerk Velo AG")


def _variety(folder: Path, big_photo: Path, astronaut: Image.Image) -> dict[str, Path]:
    """Photos that take every path of the pipeline: refusals, warnings, modes, scales."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {"big": big_photo}
    made["small"] = folder / "small.png"
    astronaut.save(made["small"])
    made["too-small"] = folder / "too-small.jpg"
    astronaut.resize((80, 120)).save(made["too-small"])
    made["rotated"] = folder / "rotated.jpg"
    astronaut.resize((1600, 1200)).save(made["rotated"], quality=90, exif=exif_with_gps(6))
    made["rotated-big"] = folder / "rotated-big.jpg"
    with Image.open(big_photo) as big:
        big.save(made["rotated-big"], quality=85, exif=exif_with_gps(8))
    made["unknown-orientation"] = folder / "unknown-orientation.jpg"
    exif = exif_with_gps(1)
    exif[0x0112] = 9  # no such orientation: shown as stored
    astronaut.save(made["unknown-orientation"], exif=exif)
    wide_green = rgb_profile("Wide green", (0.6, 0.3, 0.03), (0.2, 0.65, 0.1), SRGB_BLUE, 2.2)
    made["profile"] = folder / "profile.jpg"
    astronaut.resize((2000, 1600)).save(made["profile"], icc_profile=wide_green)
    made["bad-profile"] = folder / "bad-profile.jpg"
    astronaut.save(made["bad-profile"], icc_profile=b"not an icc profile at all" * 8)
    made["grey-with-rgb-profile"] = folder / "grey.jpg"
    astronaut.convert("L").save(made["grey-with-rgb-profile"], icc_profile=wide_green)
    made["cmyk"] = folder / "cmyk.jpg"
    astronaut.resize((1700, 1700)).convert("CMYK").save(made["cmyk"], quality=90)
    made["truncated"] = folder / "truncated.jpg"
    made["truncated"].write_bytes(big_photo.read_bytes()[:200_000])
    rgba = astronaut.convert("RGBA")
    alpha = Image.new("L", rgba.size, 255)
    ImageDraw.Draw(alpha).rectangle((0, 0, 255, 255), fill=0)
    rgba.putalpha(alpha)
    made["alpha"] = folder / "alpha.png"
    rgba.save(made["alpha"])
    made["grey-alpha"] = folder / "grey-alpha.png"
    rgba.convert("LA").save(made["grey-alpha"])
    made["palette"] = folder / "palette.png"
    astronaut.convert("P", palette=Image.Palette.ADAPTIVE).save(made["palette"])
    made["text"] = folder / "text.jpg"
    made["text"].write_text("not a photo", encoding="utf-8")
    made["bomb"] = bomb_png(folder / "bomb.png", 9000, 8000)
    assert D50  # the profile above is written against the D50 white of ICC profiles
    return made


def _page_facts(result: PhotoResult) -> object:
    """Everything a page or a report takes from a result: names, sizes, warnings, refusal."""
    portrait = _portrait("lea", result, SETTINGS) if result.ok else None
    return (
        result.key,
        result.error,
        result.warnings,
        result.sizes,
        [(o.size, o.format, o.path.name, o.width, o.height) for o in result.outputs],
        portrait.photos if portrait else None,
        [name for _, name in portrait.files] if portrait else None,
        portrait.card_photo.relative_to(portrait.card_photo.parents[1]) if portrait else None,
    )


def test_the_check_finds_what_a_render_finds(
    tmp_path: Path, big_photo: Path, astronaut: Image.Image
) -> None:
    photos = _variety(tmp_path / "photos", big_photo, astronaut)
    settings = PhotoSettings(max_megapixels=60.0)
    jobs = [PhotoJob(path, (0.5, 0.4) if name == "big" else None) for name, path in photos.items()]

    checked = start_photos(jobs, tmp_path / "preview", None, settings, on_request=True).wait()
    rendered = start_photos(jobs, tmp_path / "publish", None, settings).wait()

    for name, check, render in zip(photos, checked, rendered, strict=True):
        assert _page_facts(check) == _page_facts(render), name
        assert check.ordered == render.ok and not render.ordered, name
    # Every path was taken: refusals, warnings, and photos without either.
    by_name = dict(zip(photos, rendered, strict=True))
    assert {r.error.key for r in rendered if r.error} == {
        "image_damaged",
        "image_not_an_image",
        "image_too_many_megapixels",
        "photo_too_small",
    }
    assert {w.key for r in rendered for w in r.warnings} == {
        "photo_small",
        "photo_profile_unapplied",
    }
    assert by_name["big"].sizes == by_name["rotated-big"].sizes == (96, 192, 384, 768)
    # The check made no pixels: the preview's cache holds orders, no photo files.
    assert not list((tmp_path / "preview").rglob("*.webp"))


def test_an_unreadable_orientation_is_the_same_warning_in_the_check(
    tmp_path: Path, big_photo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pillow reads every EXIF block we could write; one it cannot read raises in exif_transpose.
    def unreadable(*args: object, **kwargs: object) -> None:
        raise SyntaxError("not a TIFF file")

    monkeypatch.setattr(ImageOps, "exif_transpose", unreadable)
    jobs = [PhotoJob(big_photo)]
    checked = start_photos(jobs, tmp_path / "a", None, on_request=True).wait()
    rendered = start_photos(jobs, tmp_path / "b", None).wait()
    assert _page_facts(checked[0]) == _page_facts(rendered[0])
    assert [w.key for w in rendered[0].warnings] == ["photo_orientation_unreadable"]


def test_a_megapixel_limit_refuses_in_the_check_as_in_the_render(
    tmp_path: Path, big_photo: Path
) -> None:
    settings = PhotoSettings(max_megapixels=10.0)
    jobs = [PhotoJob(big_photo)]
    checked = start_photos(jobs, tmp_path / "a", None, settings, on_request=True).wait()
    rendered = start_photos(jobs, tmp_path / "b", None, settings).wait()
    assert checked[0].error == rendered[0].error
    assert rendered[0].error is not None and rendered[0].error.key == "image_too_many_megapixels"


def _ordered_build(
    tmp_path: Path, sources: dict[str, Path]
) -> tuple[Path, Path, dict[str, Portrait]]:
    """A preview build's photos: (output, cache, portraits by handle), orders written."""
    cache, output = tmp_path / "cache", tmp_path / "output"
    jobs = [PhotoJob(path) for path in sources.values()]
    results = start_photos(jobs, cache, None, PhotoSettings(), on_request=True).wait()
    portraits = {
        handle: _portrait(handle, result, SETTINGS)
        for handle, result in zip(sources, results, strict=True)
    }
    write_orders(portraits.values(), output)
    return output, cache, portraits


def test_the_first_request_makes_every_file_of_the_photo_as_a_publish_build_would(
    tmp_path: Path, big_photo: Path
) -> None:
    output, cache, portraits = _ordered_build(tmp_path, {"lea": big_photo})
    names = [name for _, name in portraits["lea"].files]
    assert sorted(ordered_photos(output)) == sorted(names)
    assert not list(output.rglob("*.webp"))

    assert make_ordered_photo(output, names[3])

    published = start_photos([PhotoJob(big_photo)], tmp_path / "publish", None).wait()[0]
    for cached, name in portraits["lea"].files:
        # All eight files at once, in the cache a publish build reads and in the output.
        assert cached.is_file() and (output / name).read_bytes() == cached.read_bytes()
        twin = published.output(*_size_and_format(cached.name))
        assert twin is not None and twin.path.read_bytes() == cached.read_bytes()
    # A later preview build finds the photo in the cache, made and with the check's warnings.
    again = start_photos([PhotoJob(big_photo)], cache, None, on_request=True).wait()[0]
    assert again.cached and not again.ordered and again.warnings == published.warnings


def _size_and_format(name: str) -> tuple[int, str]:
    size, suffix = name.split(".")
    return int(size), {"webp": "webp", "jpg": "jpeg"}[suffix]


def test_a_second_preview_build_reads_the_order_instead_of_checking_again(
    tmp_path: Path, big_photo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = start_photos([PhotoJob(big_photo)], tmp_path, None, on_request=True).wait()[0]

    def fail(*args: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(author_profiles.photos.orders, "check", fail)
    second = start_photos([PhotoJob(big_photo)], tmp_path, None, on_request=True).wait()[0]
    assert second == dataclasses.replace(first, cached=True) and second.ordered


def test_many_requests_for_one_photo_make_it_once(
    tmp_path: Path, big_photo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, _, portraits = _ordered_build(tmp_path, {"lea": big_photo})
    made = []
    original = author_profiles.photos.orders.make_entry

    def counted(*args: object) -> PhotoResult:
        made.append(args)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(author_profiles.photos.orders, "make_entry", counted)
    names = [name for _, name in portraits["lea"].files] * 3
    answers: list[bool] = []
    threads = [
        threading.Thread(target=lambda n=name: answers.append(make_ordered_photo(output, n)))
        for name in names
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [True] * len(names) and len(made) == 1


@pytest.mark.parametrize("change", ["changed", "gone"])
def test_a_photo_whose_source_changed_or_went_is_not_made_and_says_so(
    tmp_path: Path,
    big_photo: Path,
    astronaut: Image.Image,
    change: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = tmp_path / "lea.jpg"
    source.write_bytes(big_photo.read_bytes())
    output, cache, portraits = _ordered_build(tmp_path, {"lea": source})
    if change == "gone":
        source.unlink()
    else:
        astronaut.save(source)
    name = portraits["lea"].files[0][1]

    with caplog.at_level(logging.WARNING):
        assert not make_ordered_photo(output, name)

    assert not (output / name).exists() and not list(cache.rglob("*.webp"))
    assert [r.getMessage() for r in caplog.records] == [
        f"author_profiles: cannot make the photo {name} "
        f"({source} {change} since the build; build again)"
        if change == "changed"
        else f"author_profiles: cannot make the photo {name} "
        f"({source} is gone since the build; build again)"
    ]


def test_a_source_touched_but_not_changed_is_still_made(tmp_path: Path, big_photo: Path) -> None:
    source = tmp_path / "lea.jpg"
    source.write_bytes(big_photo.read_bytes())
    output, _, portraits = _ordered_build(tmp_path, {"lea": source})
    source.write_bytes(big_photo.read_bytes())  # a new modification time, the same bytes
    assert make_ordered_photo(output, portraits["lea"].files[0][1])


@pytest.mark.parametrize(
    "asked",
    [
        "menschen/fotos/unbekannt-0123456789abcdef-96.webp",  # ordered by no build
        "menschen/fotos/../fotos/x.webp",  # climbing out of the folder
        f"menschen/fotos/{ORDERS_FILE}",  # the orders themselves
        "menschen/karten/lea.jpg",  # a folder without photo orders
        "",
    ],
)
def test_a_request_for_no_ordered_photo_makes_nothing(
    tmp_path: Path, big_photo: Path, asked: str
) -> None:
    output, cache, _ = _ordered_build(tmp_path, {"lea": big_photo})
    assert not make_ordered_photo(output, asked)
    assert not list(cache.rglob("*.webp")) and not list(output.rglob("*.webp"))


def test_broken_orders_make_nothing_and_raise_nothing(
    tmp_path: Path, big_photo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    output, cache, portraits = _ordered_build(tmp_path, {"lea": big_photo})
    name = portraits["lea"].files[0][1]
    (order,) = cache.rglob("*.order.json")
    order.write_text(json.dumps({"pipeline": "4", "settings": "many"}), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert not make_ordered_photo(output, name)
    assert "order of" in caplog.text and "damaged" in caplog.text
    (output / "menschen" / "fotos" / ORDERS_FILE).write_text("{not json", encoding="utf-8")
    assert not make_ordered_photo(output, name)


def test_a_preview_build_writes_the_pages_and_reports_of_a_full_render(
    tmp_path: Path,
    big_photo: Path,
    astronaut: Image.Image,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from devserver.build import build
    from tests.author_profiles.test_generator import PLUGINS, post, profile
    from tests.minisite import make_site

    people = {"lea-roth": "big", "jonas-brenner": "rotated", "ida-berg": "small"}
    people |= {"tom-maurer": "too-small", "eva-kern": "truncated", "max-moll": "bad-profile"}
    people |= {"ana-wolf": "profile", "ben-frei": "alpha"}
    posts = {
        f"p{n}.md": post(f"Notiz {n}", n + 1, f"Author: {handle}")
        for n, handle in enumerate(people)
    }
    # No cards: a card's name carries its photo's digest, and a photo not made has none yet.
    settings = make_site(tmp_path, posts, PLUGINS + "AUTHORS_CARDS_PATH = None\n")
    authors = tmp_path / "content" / "authors"
    photos = _variety(tmp_path / "photos", big_photo, astronaut)
    for handle, kind in people.items():
        name = handle.replace("-", " ").title()
        fields = (name, "Entwicklung", "entwicklung", "fachkraft", "active", True)
        (authors / f"{handle}.md").write_text(profile(*fields), encoding="utf-8")
        (authors / f"{handle}.jpg").write_bytes(photos[kind].read_bytes())

    builds = {}
    for on_request in (False, True):
        caplog.clear()
        overrides = {
            "OUTPUT_PATH": str(tmp_path / f"output-{on_request}"),
            "CACHE_PATH": str(tmp_path / f"cache-{on_request}"),
            "AUTHORS_PHOTOS_ON_REQUEST": on_request,
        }
        with caplog.at_level(logging.WARNING):
            result = build(str(settings), overrides)
        reports = sorted(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
        output = tmp_path / f"output-{on_request}"
        pages = {p.relative_to(output): p.read_bytes() for p in output.rglob("*.html")}
        builds[on_request] = (result.problems, result.errors, reports, pages)

    published, previewed = builds[False], builds[True]
    assert previewed == published
    problems, errors, reports, pages = published
    # Two photos refused (the pages show initials); three small, one with a broken profile.
    about_people = [report for report in reports if "/content/authors/" in report]
    assert len(about_people) == 6 and problems >= 6, reports
    assert len([e for e in errors if "/content/authors/" in e.path]) == 2
    assert sum("fotos/lea-roth-" in page.decode() for page in pages.values()) > 0
    # The preview made none of the files its pages name; each is made on request.
    named = ordered_photos(tmp_path / "output-True")
    assert len(named) == 8 * 3 + 6 * 3  # three photos in every size, three in three sizes
    assert not list((tmp_path / "output-True").rglob("*.webp"))
    # The link check counts them as there: they are, as soon as a browser asks for one.
    assert check_output(tmp_path / "output-True", "", ["/api/"]) == []
    assert check_output(tmp_path / "output-False", "", ["/api/"]) == []


def test_the_preview_server_makes_a_photo_or_answers_404_when_its_source_went(
    tmp_path: Path, big_photo: Path, astronaut: Image.Image, caplog: pytest.LogCaptureFixture
) -> None:
    gone = tmp_path / "gone.jpg"
    astronaut.save(gone)
    output, _, portraits = _ordered_build(tmp_path, {"lea": big_photo, "ida": gone})
    gone.unlink()
    lea, ida = portraits["lea"].files[0][1], portraits["ida"].files[0][1]
    with TestClient(create_preview_app(str(output), None, ReloadHub())) as client:
        answer = client.get(f"/{lea}")
        assert answer.status_code == 200 and answer.headers["content-type"] == "image/webp"
        assert answer.content == (output / lea).read_bytes()
        assert client.get(f"/{ida}").status_code == 404
    assert f"cannot make the photo {ida} ({gone} is gone since the build" in caplog.text


def test_a_card_drawn_on_request_makes_its_person_s_ordered_photo_first(
    tmp_path: Path, big_photo: Path
) -> None:
    output, _, portraits = _ordered_build(tmp_path, {"lea": big_photo})
    photo = portraits["lea"].card_photo
    assert not photo.exists()
    person = CardPerson("Lea Roth", "lea", photo, "Meisterin")
    pending = start_cards(
        [CardJob(None, (person,))], tmp_path / "cache", STYLE, None, on_request=True
    )
    ((key, _),) = pending.cards
    relative = f"menschen/karten/lea-{key[:12]}.jpg"
    pending.leave_orders([(path, relative) for _, path in pending.cards], output)

    assert draw_ordered_card(output, relative)

    # The card shows the photo, made into the cache on the way, not the initials.
    assert photo.is_file()
    with_photo, initials = tmp_path / "with-photo.jpg", tmp_path / "initials.jpg"
    draw_author_card(person, STYLE.company, with_photo)
    draw_author_card(dataclasses.replace(person, photo=None), STYLE.company, initials)
    with Image.open(output / relative) as card:
        assert mean_difference(card, Image.open(with_photo)) < 1
        assert mean_difference(card, Image.open(initials)) > 3  # the face: a sixth of the card
