"""SVG files that try to run code, load from other hosts, or exhaust the parser."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from tests.clean_images.awkward import XMP, phone_exif, portrait

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
BOX = '<rect width="40" height="30" fill="#2a6"/>'
LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)).replace(
    "&lol0;", "lol"
)


def phone_photo_data_url() -> str:
    """A 64 x 48 phone photo with GPS, owner, XMP and "rotate 90°", as a data: URL."""
    buffer = io.BytesIO()
    portrait(64, 48).save(buffer, "JPEG", exif=phone_exif(6).tobytes(), xmp=XMP)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass(frozen=True)
class Case:
    """One hostile file: its text, the verdict, and strings the output must not contain."""

    text: str
    # "clean" (published as it is), "cleaned" (published with a warning), or the refusal key.
    verdict: str
    forbidden: tuple[str, ...] = ()


def _svg(body: str, attributes: str = "") -> str:
    return f'<svg {SVG} viewBox="0 0 40 30" {attributes}>{body}</svg>'


CASES: dict[str, Case] = {
    "script.svg": Case(_svg(f"<script>alert('script')</script>{BOX}"), "cleaned", ("script",)),
    "onload.svg": Case(
        _svg(f'<rect width="9" height="9" onclick="alert(1)"/>{BOX}', "onload=\"alert('onload')\""),
        "cleaned",
        ("onload", "onclick", "alert"),
    ),
    "javascript-link.svg": Case(
        _svg(f'<a href="javascript:alert(\'link\')">{BOX}</a><a href=" JaVaScRiPt:x()">t</a>'),
        "cleaned",
        ("javascript",),
    ),
    "xlink.svg": Case(
        _svg(
            f"<a xlink:href=\"javascript:alert('xlink')\">{BOX}</a>"
            '<use xlink:href="https://evil.example/sprite.svg#icon"/><use href="#r"/>'
        ),
        "cleaned",
        ("javascript", "evil.example"),
    ),
    "external-image.svg": Case(
        _svg(
            f'{BOX}<image href="https://tracker.example/pixel.png" width="1" height="1"/>'
            '<image xlink:href="//tracker.example/p.gif"/><image href="data:image/svg+xml,x"/>'
            '<feImage href="http://tracker.example/f.png"/>'
        ),
        "cleaned",
        ("tracker.example", "svg+xml"),
    ),
    "foreign-object.svg": Case(
        _svg(
            f'{BOX}<foreignObject width="40" height="30"><body xmlns="http://www.w3.org/1999/'
            "xhtml\"><script>alert('foreignObject')</script><iframe src=\"https://evil."
            'example/"/></body></foreignObject>'
            "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert('html')</html:script>"
            '<iframe src="https://evil.example/"/><embed src="x.swf"/><object data="x.pdf"/>'
        ),
        "cleaned",
        ("foreignObject", "script", "alert", "evil.example", "embed", "object"),
    ),
    "set-href.svg": Case(
        _svg(
            f'<a href="#box"><set attributeName="href" to="javascript:alert(\'set\')"/>{BOX}</a>'
            '<a><animate attributeName="xlink:href" values="javascript:alert(1)" dur="1s"/>'
            '<text y="20">x</text></a><rect width="1" height="1"><animate attributeName="fill" '
            'to="url(https://evil.example/p#x)" dur="1s"/><set attributeName="onclick" '
            'to="alert(2)"/></rect>'
        ),
        "cleaned",
        ("javascript", "evil.example", "onclick", "alert"),
    ),
    "style-import.svg": Case(
        _svg(
            "<style>@import url(https://fonts.example/font.css); rect { fill: red }</style>"
            "<style>rect { fill: u\\72l(https://evil.example/x) }</style>"
            "<style>@font-face { font-family: x; src: url(https://evil.example/f.woff) }</style>"
            '<style>circle { fill: url("#grad") }</style>'
            f'{BOX}<rect width="5" height="5" style="fill: url(http://evil.example/p#x)"/>'
            '<rect width="5" height="5" fill="url(https://evil.example/#p)"/>'
        ),
        "cleaned",
        ("fonts.example", "evil.example", "@import", "@font-face"),
    ),
    "stylesheet-instruction.svg": Case(
        '<?xml-stylesheet href="https://evil.example/x.css"?>\n' + _svg(BOX),
        "cleaned",
        ("evil.example", "xml-stylesheet"),
    ),
    "billion-laughs.svg": Case(
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">{LAUGHS}]>'
        + _svg('<text y="20">&lol9;</text>'),
        "svg_entities",
    ),
    "external-entity.svg": Case(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + _svg('<text y="20">&xxe;</text>'),
        "svg_entities",
    ),
    "parameter-entity.svg": Case(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY % dtd SYSTEM "http://evil.example/x.dtd">'
        "%dtd;]>" + _svg(BOX),
        "svg_entities",
    ),
    "not-xml.svg": Case("<html><body><script>alert(1)</script>", "svg_unreadable"),
    "html-root.svg": Case(
        '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        "svg_unreadable",
    ),
    "empty.svg": Case("", "svg_unreadable"),
    "deep.svg": Case(_svg("<g>" * 5000 + BOX + "</g>" * 5000), "svg_unreadable"),
    "embedded-photo.svg": Case(
        # Its metadata is base64: test_svg decodes the image to look for it.
        _svg(f'{BOX}<image href="{phone_photo_data_url()}" width="40" height="30"/>'),
        "clean",
    ),
    "embedded-broken.svg": Case(
        _svg(
            f'{BOX}<image href="data:image/png;base64,!!notbase64" width="9" height="9"/>'
            '<image href="data:image/png;base64,aGFsbG8=" width="9" height="9"/>'
        ),
        "cleaned",
        ("notbase64", "aGFsbG8"),
    ),
    "only-script.svg": Case(
        _svg("<script>alert('only')</script>", 'onload="alert(1)"'), "svg_empty"
    ),
}

# An honest drawing as editors save it: DTD reference, metadata naming the author, editor data.
INKSCAPE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    "<!-- Created with Inkscape by Erika Mustermann -->\n"
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" width="120" height="80" viewBox="0 0 120 80" '
    'sodipodi:docname="diagramm.svg" inkscape:export-filename="/home/erika/diagramm.png">'
    "<metadata><rdf:RDF><rdf:Description><dc:creator>Erika Mustermann</dc:creator>"
    "</rdf:Description></rdf:RDF></metadata>"
    '<sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="2"/>'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#06c"/>'
    '<stop offset="1" stop-color="#0c6"/></linearGradient></defs>'
    "<title>Größe und Übung</title>"
    '<g inkscape:label="Ebene 1" inkscape:groupmode="layer" data-name="Ebene 1" '
    'style="enable-background:new 0 0 120 80" enable-background="new">'
    '<sodipodi:guide position="0,0"/><solidcolor solid-color="#000"/>'
    '<rect id="box" width="100" height="60" x="10" y="10" fill="url(#g)" rx="4"/>'
    '<text x="20" y="45" style="font-family:sans-serif;font-size:12px">Größe &amp; Übung</text>'
    '<use xlink:href="#box" x="5"/></g></svg>\n'
)
INKSCAPE_PRIVATE = ("Erika", "inkscape", "sodipodi", "rdf:", "metadata", "/home/")


def write_hostile_svgs(folder: Path) -> dict[str, Case]:
    """Write every case, and the honest drawing as clean.svg, into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = {**CASES, "clean.svg": Case(INKSCAPE, "clean", INKSCAPE_PRIVATE)}
    for name, case in cases.items():
        (folder / name).write_text(case.text, encoding="utf-8")
    return cases
