"""What an inert SVG may contain: the allowlists, and the rules for references and CSS."""

from __future__ import annotations

import re

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _names(listed: str) -> frozenset[str]:
    return frozenset(listed.split())


# Shapes, text, structure, paint servers, filters and animations. Left out on purpose: script,
# foreignObject (HTML inside), iframe/embed/object, cursor, font-face (loads fonts), view.
ALLOWED_ELEMENTS = _names(
    """svg g defs symbol use title desc switch a style
    path rect circle ellipse line polyline polygon text tspan textPath image
    linearGradient radialGradient stop pattern clipPath mask marker
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence
    animate animateMotion animateTransform set mpath"""
)
# Left-out elements that are named in the warning: they run code or load from elsewhere.
ACTIVE_ELEMENTS = _names(
    """script foreignObject iframe embed object audio video canvas handler listener cursor
    font-face font-face-uri"""
)
ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})
# Elements that put something on the canvas: without one, the file draws nothing.
DRAWABLE = _names("path rect circle ellipse line polyline polygon text image use")

ALLOWED_ATTRIBUTES = _names(
    """id class style lang role aria-label aria-hidden aria-labelledby aria-describedby
    x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength transform
    transform-origin viewBox preserveAspectRatio version baseProfile
    dx dy rotate textLength lengthAdjust startOffset method spacing side
    text-anchor dominant-baseline alignment-baseline baseline-shift font-family font-size
    font-size-adjust font-stretch font-style font-variant font-weight letter-spacing
    word-spacing text-decoration writing-mode direction unicode-bidi text-rendering white-space
    fill fill-opacity fill-rule stroke stroke-dasharray stroke-dashoffset stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-opacity stroke-width opacity color
    color-interpolation color-interpolation-filters color-rendering display visibility
    overflow clip clip-path clip-rule mask filter marker marker-start marker-mid marker-end
    paint-order vector-effect shape-rendering image-rendering mix-blend-mode isolation
    stop-color stop-opacity flood-color flood-opacity lighting-color
    gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits
    patternTransform clipPathUnits maskUnits maskContentUnits markerUnits markerWidth
    markerHeight refX refY orient
    filterUnits primitiveUnits in in2 result stdDeviation mode type values tableValues slope
    intercept amplitude exponent operator k1 k2 k3 k4 order kernelMatrix divisor bias targetX
    targetY edgeMode kernelUnitLength preserveAlpha surfaceScale diffuseConstant
    specularConstant specularExponent scale xChannelSelector yChannelSelector azimuth
    elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle baseFrequency numOctaves seed
    stitchTiles radius
    attributeName attributeType begin dur end min max restart repeatCount repeatDur calcMode
    keyTimes keySplines from to by additive accumulate path keyPoints
    requiredFeatures requiredExtensions systemLanguage"""
)

# Raster images embedded in the file (in href only); nothing else may be loaded.
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|webp|gif)[;,]", re.IGNORECASE)
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# CSS that loads, runs or hides what it does: imports, functions that fetch, escapes (they
# could spell url( or @import past the checks), and old browser extensions.
_CSS_FORBIDDEN = re.compile(
    r"@import|@font-face|\\|javascript:|expression\s*\(|behavior|-moz-binding|"
    r"(?<![\w-])(image-set|-webkit-image-set|src|image|cross-fade|element|-moz-element)\s*\(",
    re.IGNORECASE,
)


def reference_allowed(element: str, value: str) -> bool:
    """Whether an href may stay: a '#fragment' in this file, or an embedded raster image."""
    value = value.strip()
    if element in ("image", "feImage") and _DATA_IMAGE.match(value):
        return True
    return value.startswith("#") and element != "image"


def urls_are_local(value: str) -> bool:
    """Whether every url(...) in a value points into this file ('#fragment')."""
    # Embedded images are allowed only in href, where they are re-encoded without metadata.
    for _, target in _URL.findall(value):
        if not target.strip().startswith("#"):
            return False
    return "url(" not in _URL.sub("", value).lower()


def css_is_inert(css: str) -> bool:
    """Whether a style sheet or style attribute loads and runs nothing."""
    # Comments could split a keyword from the checks' view; a stray "/*" hides the rest.
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    if "/*" in without_comments or _CSS_FORBIDDEN.search(without_comments):
        return False
    return urls_are_local(without_comments)
