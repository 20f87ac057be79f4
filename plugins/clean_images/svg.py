"""SVG made inert: drawing stays; nothing runs or loads from elsewhere."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from pyexpat import ExpatError, ParserCreate

from .svg_embedded import clean_embedded_images
from .svg_rules import (
    ACTIVE_ELEMENTS,
    ALLOWED_ATTRIBUTES,
    ALLOWED_ELEMENTS,
    ANIMATIONS,
    DRAWABLE,
    SVG_NS,
    XHTML_NS,
    XLINK_NS,
    XML_NS,
    css_is_inert,
    reference_allowed,
    urls_are_local,
)
from .verdict import ImageIssue, ImageRefused

# Removed silently: what editors leave (metadata with author names, their own namespaces and
# attributes, comments). What could run or load is reported: the drawing may look different.
_SILENT = {"metadata", "foreign namespace", "unknown element", "unknown attribute"}


# Deeper nesting than any drawing needs; it would exhaust Python's recursion when cleaning.
_MAX_DEPTH = 200


class _TooDeep(Exception):
    """Elements nested deeper than _MAX_DEPTH."""


class _Unsafe(Exception):
    """A declaration the sanitiser does not accept (parameter or external entities)."""


def sanitise_svg(
    source: Path,
    target: Path,
    jpeg_quality: int = 90,
    webp_quality: int = 90,
    max_megapixels: float = 60.0,
) -> tuple[str, ...]:
    """Write the inert form of the SVG `source` to target; return what was removed.

    Embedded raster images are re-encoded without metadata (qualities and pixel limit as
    for post images).

    Raises ImageRefused when the file is not SVG, declares external entities, or has nothing
    left to draw. The result is always serialised anew (a clean file is not kept byte for
    byte), so the output depends only on the parsed drawing.
    """
    removed: set[str] = set()
    root = _parse(source, removed)
    _clean(root, removed)
    clean_embedded_images(root, removed, jpeg_quality, webp_quality, max_megapixels)
    if not any(element.tag.split("}")[-1] in DRAWABLE for element in root.iter()):
        raise ImageRefused(ImageIssue("svg_empty"))
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    text = ET.tostring(root, encoding="unicode")
    target.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n", encoding="utf-8")
    return tuple(sorted(removed - _SILENT))


def _parse(source: Path, removed: set[str]) -> ET.Element:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ImageRefused(
            ImageIssue("image_cannot_read", {"reason": exc.strerror or str(exc)})
        ) from None
    builder = ET.TreeBuilder()
    parser = ParserCreate(namespace_separator="}")

    depth = 0

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > _MAX_DEPTH:
            raise _TooDeep()
        builder.start(_qualified(tag), {_qualified(k): v for k, v in attributes.items()})

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_qualified(tag))

    def entity(name: str, is_parameter: int, value: str | None, *declared: object) -> None:
        # Internal entities with plain text are harmless (old Illustrator exports use them);
        # expat itself stops entity expansion bombs. Anything that reaches outside is refused.
        if is_parameter or value is None or "&" in value or "%" in value:
            raise _Unsafe(name)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = entity
    # Processing instructions are left out; <?xml-stylesheet?> would load a style sheet.
    parser.ProcessingInstructionHandler = lambda target, data: removed.add(f"<?{target}?>")
    try:
        parser.Parse(data, True)
        root = builder.close()
    except _TooDeep:
        raise ImageRefused(
            ImageIssue("svg_unreadable", {"line": parser.CurrentLineNumber})
        ) from None
    except _Unsafe as unsafe:
        raise ImageRefused(ImageIssue("svg_entities", {"name": str(unsafe)})) from None
    except (ExpatError, ValueError, AssertionError) as exc:
        line = getattr(exc, "lineno", None) or parser.ErrorLineNumber
        raise ImageRefused(ImageIssue("svg_unreadable", {"line": line})) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ImageRefused(ImageIssue("svg_unreadable", {"line": 1}))
    return root


def _qualified(name: str) -> str:
    # expat gives "namespace}local"; ElementTree writes "{namespace}local".
    return "{" + name if "}" in name else name


def _clean(element: ET.Element, removed: set[str]) -> None:
    for child in list(element):
        reason = _element_problem(child)
        if reason:
            removed.add(reason)
            _remove_keeping_tail(element, child)
        else:
            _clean(child, removed)
    for name, value in list(element.attrib.items()):
        reason = _attribute_problem(element, name, value)
        if reason:
            removed.add(reason)
            del element.attrib[name]
    if _local(element) == "style" and not css_is_inert(element.text or ""):
        removed.add("style")
        element.text = ""


def _element_problem(element: ET.Element) -> str | None:
    if element.tag.startswith(f"{{{XHTML_NS}}}"):
        return f"html:{_local(element)}"
    if not element.tag.startswith(f"{{{SVG_NS}}}"):
        # Editors' own elements (Inkscape, Illustrator, RDF); browsers do not run them.
        return "foreign namespace"
    name = _local(element)
    if name == "metadata":
        return "metadata"
    if name not in ALLOWED_ELEMENTS:
        return name if name in ACTIVE_ELEMENTS else "unknown element"
    if name in ANIMATIONS:
        animated = element.get("attributeName", "").strip().lower()
        if animated.split(":")[-1] == "href" or animated.startswith("on"):
            return f"{name} {animated}"
        for key in ("to", "from", "by", "values"):
            if not urls_are_local(element.get(key, "")):
                return f"{name} url()"
    return None


def _attribute_problem(element: ET.Element, name: str, value: str) -> str | None:
    if name == f"{{{XLINK_NS}}}href" or name == "href":
        return None if reference_allowed(_local(element), value) else f"href {_scheme(value)}"
    if name.startswith(f"{{{XML_NS}}}"):
        return None if name.split("}")[1] in ("space", "lang") else "foreign namespace"
    if name.startswith("{"):
        return "foreign namespace"
    if name.lower().startswith("on"):
        return "on…"
    if name not in ALLOWED_ATTRIBUTES:
        return "unknown attribute"
    if name == "style":
        return None if css_is_inert(value) else "style"
    return None if urls_are_local(value) else f"{name} url()"


def _scheme(value: str) -> str:
    found = re.match(r"\s*([a-zA-Z][\w+.-]*):", value)
    return f"{found.group(1).lower()}:" if found else "path"


def _local(element: ET.Element) -> str:
    return element.tag.split("}")[-1]


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    # Text after the removed element (between siblings in a <text>) stays where it was.
    if child.tail:
        index = list(parent).index(child)
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)
