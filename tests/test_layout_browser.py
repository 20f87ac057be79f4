"""What a reader sees first, measured in real Chromium at a phone's, tablet's and laptop's width."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.sites import BuildRun
from tests.test_theme_browser import page_types

pytestmark = pytest.mark.browser

# The first screens of the reference screenshots (shared/reference/casper) at the same widths.
SCREENS = {360: 800, 800: 1000, 1280: 900}
# Faces the wall's first screen shows at least, by width.
FIRST_SCREEN_FACES = {360: 2, 800: 6, 1280: 5}


@pytest.fixture(scope="module")
def addresses(served_public: tuple[str, BuildRun]) -> dict[str, str]:
    return {
        **page_types(served_public[1]),
        "transparency": "transparenz/",
        "join-in": "mitmachen/",  # long header examples and a table of fields
        "join-in-english": "join-in/",  # the same in English, with the English menu entries
        "poll": "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/",
        "comments": "2026/leserfragen-warum-gibt-es-keinen-werksverkauf-mehr/",
    }


Opener = Callable[..., Any]


@pytest.fixture
def open_page(served_public: tuple[str, BuildRun], browser: Any) -> Iterator[Opener]:
    """Open a page of the served sample site with the first screen of a width; all closed after."""
    base, _ = served_public
    contexts: list[Any] = []

    def open_at(address: str, width: int, javascript: bool = True) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": SCREENS.get(width, 800)},
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(base + address, wait_until="load")
        assert response is not None and response.status in (200, 404), address
        return page

    yield open_at
    for context in contexts:
        context.close()


NAV_ROWS = """() => {
  const nav = document.querySelector('.site-nav');
  const title = document.querySelector('.site-title');
  const row = parseFloat(getComputedStyle(nav.querySelector('a')).lineHeight);
  const box = nav.getBoundingClientRect(), own = title.getBoundingClientRect();
  const apart = Math.abs((box.top + box.bottom) / 2 - (own.top + own.bottom) / 2);
  return {height: box.height, row, apart};
}"""


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize(
    "kind",
    [
        "index",
        "article",
        "poll",
        "comments",
        "authors",
        "author",
        "transparency",
        "join-in",
        "join-in-english",
        "archives",
        "404",
    ],
)
def test_one_navigation_row_and_no_sideways_scroll(
    open_page: Opener,
    addresses: dict[str, str],
    kind: str,
    width: int,
) -> None:
    page = open_page(addresses[kind], width)
    nav = page.evaluate(NAV_ROWS)
    assert nav["height"] < 2 * nav["row"], f"{kind}: the navigation wraps at {width} px: {nav}"
    assert nav["apart"] < nav["row"] / 2, f"{kind}: title and navigation not on one row: {nav}"
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow} px at {width} px"


FACES_IN_VIEW = """() => Array.from(document.querySelectorAll('.faces .face')).filter(face => {
  const box = face.getBoundingClientRect();
  const img = face.querySelector('img');
  const drawn = !img || (img.complete && img.naturalWidth > 0);
  return drawn && box.width > 40 && box.top >= 0 && box.left >= 0
    && box.bottom <= innerHeight && box.right <= innerWidth;
}).length"""


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", SCREENS)
def test_the_walls_first_screen_shows_faces(
    open_page: Opener, width: int, javascript: bool
) -> None:
    page = open_page("menschen/", width, javascript)
    page.wait_for_function(
        "() => Array.from(document.images).filter(i => i.loading !== 'lazy').every(i => i.complete)"
    )
    shown = page.evaluate(FACES_IN_VIEW)
    assert shown >= FIRST_SCREEN_FACES[width], f"{shown} faces on the first screen at {width} px"
    chips = page.locator(".wall-filter ul a").first
    toggle = page.locator(".wall-filter__toggle")
    if width < 960:
        # Behind one control: the chips appear when it opens, by keyboard, without script too.
        assert not chips.is_visible() and toggle.is_visible()
        toggle.focus()
        page.keyboard.press("Enter")
        assert chips.is_visible()
        page.keyboard.press("Enter")
        assert not chips.is_visible()
    else:
        assert chips.is_visible() and not toggle.is_visible()


@pytest.mark.parametrize("width", SCREENS)
def test_chart_text_is_at_least_12_css_pixels(open_page: Opener, width: int) -> None:
    page = open_page("transparenz/", width)
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg text')).map(text => [
          text.textContent,
          parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
        ])"""
    )
    assert len(sizes) > 20
    small = [(text, round(size, 1)) for text, size in sizes if size < 12]
    assert small == [], f"chart text below 12 px at {width} px"


STACKED_TABLE = """name => {
  const table = document.querySelector('#table-' + name);
  table.closest('details')?.setAttribute('open', '');
  const first = table.querySelector('tbody tr').getBoundingClientRect();
  const cell = table.querySelector('tbody td[data-label]');
  return {wide: table.scrollWidth, column: table.parentElement.clientWidth,
          region: table.closest('.table-scroll') !== null, row: first.width,
          page: document.documentElement.scrollWidth - innerWidth,
          label: cell ? getComputedStyle(cell, '::before').content : null,
          heading: cell ? cell.dataset.label : null};
}"""


def table_roles(page: Any, selector: str) -> list[str]:
    """The roles Chromium tells screen readers for a table, its first body row and first cell."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    roles = []
    for part in (selector, f"{selector} tbody tr", f"{selector} tbody td"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": part})["nodeId"]
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
        roles.append(ax["nodes"][0]["role"]["value"])
    return roles


@pytest.mark.parametrize(
    ("name", "width"),
    [
        ("credits", 360),
        ("corrections", 360),
        ("polls", 360),
        ("disclosures", 360),
        ("department-quarters", 360),
        ("department-quarters", 641),  # eight quarters are too wide up to 48rem
    ],
)
def test_the_transparency_tables_read_without_an_inner_scroll_on_a_phone(
    open_page: Opener, name: str, width: int
) -> None:
    page = open_page("transparenz/", width)
    table = page.evaluate(STACKED_TABLE, name)
    roles = table_roles(page, f"#table-{name}")
    assert table["wide"] <= table["column"] and not table["region"], table
    assert table["page"] <= 0, f"the page scrolls sideways: {table}"
    assert table["row"] >= table["column"] - 1, f"a row is not one card wide: {table}"
    if name != "credits":  # its two columns need no headings in the cards
        assert table["heading"] and table["heading"] in table["label"], table
    # Still a table for screen readers, with its rows and cells.
    assert roles == ["table", "row", "cell"], roles


def disclosure_state(page: Any, selector: str) -> tuple[str, bool]:
    """The name and expanded state Chromium tells screen readers for a disclosure button."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
    found = ax["nodes"][0]
    # Chromium's role for <summary>, which screen readers announce as a button.
    assert found["role"]["value"] == "DisclosureTriangle", found["role"]
    expanded = {p["name"]: p["value"]["value"] for p in found.get("properties", [])}
    return found["name"]["value"], bool(expanded.get("expanded", False))


def test_the_menu_opens_and_closes_by_keyboard_without_javascript(open_page: Opener) -> None:
    page = open_page("", 360, javascript=False)
    links = page.locator(".site-nav__list a")
    toggle = page.locator(".site-nav__toggle")
    assert toggle.is_visible() and not links.first.is_visible()
    assert disclosure_state(page, ".site-nav__toggle") == ("Menü", False)
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-nav__toggle')"):
            break
    else:
        raise AssertionError("the menu button cannot be reached with Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert links.first.is_visible()
    assert disclosure_state(page, ".site-nav__toggle") == ("Menü", True)
    assert page.evaluate("document.querySelector('.site-nav__menu').open") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.site-nav__list') !== null")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    assert not links.first.is_visible()


def test_wide_screens_show_the_whole_row_without_a_menu_button(open_page: Opener) -> None:
    page = open_page("", 1280, javascript=False)
    links = page.locator(".site-nav__list a")
    assert links.count() >= 5
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert not page.locator(".site-nav__toggle").is_visible()
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1


# Cards side by side on the home page, by width.
CARD_COLUMNS = {360: 1, 800: 2, 1280: 3}
CARD_BYLINES = """() => Array.from(document.querySelectorAll('.cards .card')).map(card => {
  const box = card.getBoundingClientRect();
  const byline = card.querySelector('.byline').getBoundingClientRect();
  const face = card.querySelector('.byline .face').getBoundingClientRect();
  const name = card.querySelector('.byline__name').getBoundingClientRect();
  const role = card.querySelector('.byline__role').getBoundingClientRect();
  return {row: Math.round(box.top), left: Math.round(box.left), top: Math.round(byline.top),
          indent: Math.round(face.left - box.left), face: Math.round(face.width),
          name: Math.round(name.left - face.right), nameTop: Math.round(name.top - face.top),
          roleBelow: role.top >= name.bottom - 1};
})"""


@pytest.mark.parametrize("width", SCREENS)
def test_every_card_has_the_same_byline_layout(open_page: Opener, width: int) -> None:
    page = open_page("", width)
    cards = page.evaluate(CARD_BYLINES)
    rows: dict[int, list[dict[str, Any]]] = {}
    for card in cards:
        rows.setdefault(card["row"], []).append(card)
    assert len(cards) >= 6 and len(rows) >= 2
    assert {len(row) for row in list(rows.values())[:2]} == {CARD_COLUMNS[width]}
    for row in rows.values():
        assert len({card["top"] for card in row}) == 1, f"bylines of one row start apart: {row}"
    # Face, then name over role, in the same place on every card of the page.
    for measure in ("indent", "face", "name", "nameTop", "roleBelow"):
        found = {card[measure] for card in cards}
        assert len(found) == 1, f"cards differ in their byline's {measure} at {width} px: {found}"


@pytest.mark.parametrize("width", SCREENS)
def test_the_home_pages_first_screen_shows_a_writers_face(open_page: Opener, width: int) -> None:
    page = open_page("", width)
    face = page.locator(".cards .card .byline .face").first.bounding_box()
    assert face is not None
    assert face["y"] + face["height"] <= SCREENS[width], f"the first face ends at {face} px"


def test_the_author_header_is_aligned(open_page: Opener, addresses: dict[str, str]) -> None:
    page = open_page(addresses["author"], 1280)
    photo = page.locator(".person__photo").bounding_box()
    intro = page.locator(".person__intro").bounding_box()
    posts = page.locator("#posts-title").bounding_box()
    assert photo and intro and posts
    assert photo["x"] == posts["x"], "the photo and the list of posts start at one edge"
    middle = lambda box: box["y"] + box["height"] / 2  # noqa: E731
    assert abs(middle(photo) - middle(intro)) <= 2, "photo and name block centred on each other"
