"""Tests for author_profiles.cards: social cards drawn from photos and initials."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from author_profiles.avatars import palette_colour
from author_profiles.card_text import DEFAULT_FONT, wrap_text
from author_profiles.cards import CARD_SIZE, CardPerson, draw_author_card, draw_card
from author_profiles.photos import PhotoJob, process_photo
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from tests.image_opens import count_image_opens

LONG_TITLE = (
    "Wie wir unsere Lieferkette für Velorahmen neu gedacht haben – und was wir dabei über "
    "Aluminium, Transportwege, Lieferanten am Bodensee und unsere eigenen Annahmen gelernt "
    "haben, als die Preise im Frühling plötzlich stiegen"
)
# Where draw_card puts the first face (104 px circle) and its left edge's middle.
FACE_BOX = (80, 462, 184, 566)
FACE_EDGE = (92, 514)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.fixture
def processed_photo(astronaut_path: Path, tmp_path: Path) -> Path:
    """The 384 px JPEG that the photo pipeline makes from the portrait."""
    output = process_photo(PhotoJob(astronaut_path), tmp_path / "cache").output(384, "jpeg")
    assert output is not None
    return output.path


@pytest.mark.parametrize(("suffix", "image_format"), [(".png", "PNG"), (".jpg", "JPEG")])
def test_card_size_format_and_no_metadata(
    tmp_path: Path, processed_photo: Path, suffix: str, image_format: str
) -> None:
    people = [CardPerson("Eileen Collins", "ecollins", processed_photo)]
    out = draw_card("Ein Titel", people, "Seewerk Velo AG", tmp_path / f"card{suffix}")

    assert out == tmp_path / f"card{suffix}"
    with Image.open(out) as image:
        assert image.format == image_format
        assert image.size == CARD_SIZE == (1200, 630)
        assert image.mode == "RGB"
        assert len(image.getexif()) == 0
        for key in ("exif", "xmp", "comment", "icc_profile", "XML:com.adobe.xmp"):
            assert key not in image.info
    data = out.read_bytes()
    for marker in (b"Exif\x00\x00", b"xmpmeta", b"tEXt", b"iTXt", b"zTXt", b"tIME", b"iCCP"):
        assert marker not in data


def test_card_is_deterministic(tmp_path: Path, processed_photo: Path) -> None:
    people = [
        CardPerson("Eileen Collins", "ecollins", processed_photo),
        CardPerson("Jürgen Müller", "jmueller"),
    ]
    first = draw_card(LONG_TITLE, people, "Seewerk Velo AG", tmp_path / "a.png")
    second = draw_card(LONG_TITLE, people, "Seewerk Velo AG", tmp_path / "b.png")
    assert first.read_bytes() == second.read_bytes()
    author_a = draw_author_card(people[1], "Seewerk Velo AG", tmp_path / "c.jpg")
    author_b = draw_author_card(people[1], "Seewerk Velo AG", tmp_path / "d.jpg")
    assert author_a.read_bytes() == author_b.read_bytes()


def test_card_shows_the_photo_in_a_circle(tmp_path: Path, processed_photo: Path) -> None:
    people = [CardPerson("Eileen Collins", "ecollins", processed_photo)]
    out = draw_card("Titel", people, "Seewerk Velo AG", tmp_path / "card.png")

    with Image.open(out) as card, Image.open(processed_photo) as photo:
        face = card.crop(FACE_BOX)
        expected = photo.convert("RGB").resize((104, 104), Image.Resampling.LANCZOS)
        # The middle of the circle is the photo; its corners are the white card.
        middle = (30, 30, 74, 74)
        assert mean_difference(face.crop(middle), expected.crop(middle)) < 4
        assert face.getpixel((2, 2)) == (255, 255, 255)
        assert face.getpixel((101, 101)) == (255, 255, 255)


def test_a_face_is_decoded_once_for_all_cards_of_its_person(
    tmp_path: Path, processed_photo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = count_image_opens(monkeypatch)
    person = CardPerson("Miriam Keller", "miriam-keller", processed_photo, "Entwicklung")
    for number in range(3):
        draw_card(f"Beitrag {number}", [person], "Seewerk", tmp_path / f"{number}.jpg")
    assert opened.count(str(processed_photo)) <= 1


def test_card_falls_back_to_initials(tmp_path: Path) -> None:
    people = [CardPerson("Miriam Keller", "mkeller"), CardPerson("Jürgen Müller", "jmueller")]
    out = draw_card("Titel", people, "Seewerk Velo AG", tmp_path / "card.png")

    with Image.open(out) as card:
        assert card.getpixel(FACE_EDGE) == hex_rgb(palette_colour("mkeller"))
        second_face_edge = (FACE_EDGE[0] + 116, FACE_EDGE[1])
        assert card.getpixel(second_face_edge) == hex_rgb(palette_colour("jmueller"))
        # The initials are drawn in white inside the circle.
        face = card.crop(FACE_BOX)
        assert (255, 255, 255) in {colour for _, colour in face.getcolors(104 * 104) or []}
        middle = face.crop((20, 30, 84, 74)).getcolors(64 * 44) or []
        assert any(isinstance(c, tuple) and min(c) > 200 for _, c in middle)


def test_unreadable_photo_falls_back_to_initials_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo")
    people = [CardPerson("Miriam Keller", "mkeller", broken)]

    with caplog.at_level(logging.WARNING):
        out = draw_card("Titel", people, "Seewerk Velo AG", tmp_path / "card.png")

    with Image.open(out) as card:
        assert card.getpixel(FACE_EDGE) == hex_rgb(palette_colour("mkeller"))
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"author_profiles: cannot read photo {broken} for Miriam Keller's card "
        f"(cannot identify image file '{broken}'); using initials"
    ]


def test_card_variants_draw(tmp_path: Path, processed_photo: Path) -> None:
    many = [CardPerson(f"Person {n}", f"p{n}") for n in range(6)]
    cases = {
        "no-people.png": ("Nur ein Titel", []),
        "empty-title.png": ("", many[:1]),
        "many-people.png": (LONG_TITLE, many),
        "one-with-role.png": ("Titel", [CardPerson("A B", "ab", role="Leiterin Produktion")]),
    }
    for name, (title, people) in cases.items():
        with Image.open(draw_card(title, people, "Seewerk Velo AG", tmp_path / name)) as card:
            assert card.size == CARD_SIZE
    # Only four faces fit: the fifth position stays white.
    with Image.open(tmp_path / "many-people.png") as card:
        assert card.getpixel((FACE_EDGE[0] + 4 * 116, FACE_EDGE[1])) == (255, 255, 255)
        assert card.getpixel((FACE_EDGE[0] + 3 * 116, FACE_EDGE[1])) == hex_rgb(
            palette_colour("p3")
        )


def test_author_card(tmp_path: Path, processed_photo: Path) -> None:
    person = CardPerson(
        "Eileen Collins", "ecollins", processed_photo, role="Astronautin und Kommandantin"
    )
    out = draw_author_card(person, "Seewerk Velo AG", tmp_path / "author.png")

    with Image.open(out) as card, Image.open(processed_photo) as photo:
        assert card.size == CARD_SIZE
        assert card.getpixel((600, 4)) == hex_rgb(palette_colour("ecollins"))  # the stripe
        face = card.crop((80, 171, 380, 471))
        expected = photo.convert("RGB").resize((300, 300), Image.Resampling.LANCZOS)
        assert mean_difference(face.crop((90, 90, 210, 210)), expected.crop((90, 90, 210, 210))) < 4


def test_bad_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"must end in \.png, \.jpg or \.jpeg"):
        draw_card("Titel", [], "Seewerk Velo AG", tmp_path / "card.gif")


# --- text --------------------------------------------------------------------------------


@pytest.fixture
def font() -> ImageFont.FreeTypeFont:
    loaded = ImageFont.load_default(size=52)
    assert isinstance(loaded, ImageFont.FreeTypeFont)
    return loaded


def test_short_title_is_one_line(font: ImageFont.FreeTypeFont) -> None:
    assert wrap_text("Kurzer Titel", font, 1040, 3) == ["Kurzer Titel"]


def test_long_title_is_cut_to_three_lines_with_an_ellipsis(font: ImageFont.FreeTypeFont) -> None:
    lines = wrap_text(LONG_TITLE, font, 1040, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert not lines[0].endswith("…") and not lines[1].endswith("…")
    assert all(font.getlength(line) <= 1040 for line in lines)
    # Cut between words: what is shown is the start of the whole title.
    shown = " ".join(lines).removesuffix("…").split()
    whole = " ".join(wrap_text(LONG_TITLE, font, 1040, 10)).split()
    assert shown[:-1] == whole[: len(shown) - 1]
    assert whole[len(shown) - 1].rstrip(",;:") == shown[-1]  # "Transportwege," -> "…wege…"


def test_words_longer_than_a_line_are_broken(font: ImageFont.FreeTypeFont) -> None:
    lines = wrap_text("Donaudampfschifffahrtsgesellschaftskapitän", font, 300, 5)
    assert len(lines) > 1
    assert all(font.getlength(line) <= 300 for line in lines)


def test_letters_the_font_lacks_become_readable_look_alikes(
    font: ImageFont.FreeTypeFont,
) -> None:
    # Pillow's built-in font is ASCII only today; with a fuller font the text is kept as is.
    missing_box = bytes(font.getmask("\U0010fffd"))
    lines = wrap_text("Jürgen Müller – Straße", font, 5000, 1)
    assert lines in (["Jürgen Müller – Straße"], ["Juergen Mueller - Strasse"])
    assert all(bytes(font.getmask(c)) != missing_box for c in lines[0] if not c.isspace())


def test_a_font_file_can_be_given(tmp_path: Path) -> None:
    # Pillow's built-in font written to a file stands in for an operator's font here.
    built_in = ImageFont.load_default(size=10)
    assert isinstance(built_in, ImageFont.FreeTypeFont)
    font_file = tmp_path / "theme-font.ttf"
    font_file.write_bytes(built_in.font_bytes)
    person = CardPerson("Miriam Keller", "mkeller", role="Produktion")

    with_file = draw_author_card(person, "Seewerk", tmp_path / "a.png", font_path=font_file)
    shipped = draw_author_card(person, "Seewerk", tmp_path / "b.png")

    with Image.open(with_file) as one, Image.open(shipped) as other:
        assert one.size == CARD_SIZE
        assert mean_difference(one.convert("RGB"), other.convert("RGB")) > 0.1


def ink(image: Image.Image) -> Image.Image:
    """The dark pixels (the letters) of an image, white on black."""
    return image.convert("L").point(lambda value: 255 if value < 80 else 0).convert("RGB")


def test_umlauts_and_sharp_s_are_drawn_with_their_own_glyphs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="author_profiles.cards")
    card_path = draw_card("Größe Übung", [], "Seewerk Velo AG", tmp_path / "card.png")

    # The title as the shipped font draws it, and as a transliteration would look.
    font = ImageFont.truetype(str(DEFAULT_FONT), 68, layout_engine=ImageFont.Layout.BASIC)
    references = {}
    for text in ("Größe Übung", "Groesse Uebung"):
        reference = Image.new("L", (1040, 95), 255)
        ImageDraw.Draw(reference).text((0, 10), text, font=font, fill=0)
        references[text] = reference
    with Image.open(card_path) as card:
        title = card.convert("L").crop((80, 120, 1120, 215))
    assert ink(title).getbbox() == ink(references["Größe Übung"]).getbbox()
    assert mean_difference(ink(title), ink(references["Größe Übung"])) < 1
    assert mean_difference(ink(title), ink(references["Groesse Uebung"])) > 5
    assert "no glyph" not in caplog.text
