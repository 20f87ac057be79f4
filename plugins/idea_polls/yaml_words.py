"""PyYAML's parser problems ("expected <block end>, but found …") said in plain words."""

from __future__ import annotations

# (start of PyYAML's problem text, what it means in German, in English); first match wins.
_PLAIN: tuple[tuple[str, str, str], ...] = (
    (
        "expected <block end>",
        "die Einrückung dieser Zeile passt nicht zu den Zeilen darüber",
        "the indentation of this line does not match the lines above",
    ),
    (
        "did not find expected key",
        "die Einrückung dieser Zeile passt nicht zu den Zeilen darüber",
        "the indentation of this line does not match the lines above",
    ),
    (
        "did not find expected '-' indicator",
        "die Einrückung dieser Zeile passt nicht zu den Zeilen darüber",
        "the indentation of this line does not match the lines above",
    ),
    (
        "mapping values are not allowed here",
        "in dieser Zeile steht ein Doppelpunkt, wo keiner stehen darf "
        "(im Text oder wegen falscher Einrückung)",
        "this line has a colon where none may be (in the text, or because of the indentation)",
    ),
    (
        "could not find expected ':'",
        "einer Zeile fehlt der Doppelpunkt nach dem Feldnamen",
        "a line lacks the colon after its field name",
    ),
    (
        "found character '\\t'",
        "die Zeile ist mit einem Tabulator eingerückt; erlaubt sind nur Leerzeichen",
        "the line is indented with a tab; only spaces are allowed",
    ),
    (
        "found a tab character",
        "die Zeile ist mit einem Tabulator eingerückt; erlaubt sind nur Leerzeichen",
        "the line is indented with a tab; only spaces are allowed",
    ),
    (
        "found unexpected end of stream",
        "ein Anführungszeichen wird nicht wieder geschlossen",
        "a quotation mark is not closed again",
    ),
    (
        "expected ',' or ']'",
        "eine eckige Klammer [ wird nicht wieder geschlossen",
        "a square bracket [ is not closed again",
    ),
    (
        "expected ',' or '}'",
        "eine geschweifte Klammer { wird nicht wieder geschlossen",
        "a curly bracket { is not closed again",
    ),
    (
        "found unknown escape character",
        "in Text mit doppelten Anführungszeichen steht ein Backslash \\",
        "a text in double quotes contains a backslash \\",
    ),
    (
        "found undefined alias",
        "ein Text beginnt mit * oder & (das liest YAML als Verweis)",
        "a text starts with * or & (YAML reads that as a reference)",
    ),
    (
        "expected alphabetic or numeric character",
        "ein Text beginnt mit * oder & (das liest YAML als Verweis)",
        "a text starts with * or & (YAML reads that as a reference)",
    ),
    (
        "found character",
        "ein Text beginnt mit einem Zeichen, das YAML nicht als Textanfang erlaubt "
        "(wie @, ` oder %)",
        "a text starts with a character YAML does not allow there (such as @, ` or %)",
    ),
)

_UNKNOWN = {
    "de": "der Aufbau dieser Zeile passt nicht zu 'Feldname: Wert'",
    "en": "this line does not fit the 'field: value' layout",
}


def plain_yaml_problem(lang: str, problem: str) -> str:
    """Return what PyYAML's problem text means, in words an author understands."""
    for start, german, english in _PLAIN:
        if problem.startswith(start):
            return german if lang == "de" else english
    return _UNKNOWN["de" if lang == "de" else "en"]
