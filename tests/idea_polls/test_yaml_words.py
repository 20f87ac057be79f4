"""A poll block that YAML cannot read is reported in plain words, never in parser jargon."""

from __future__ import annotations

import pytest
from idea_polls.blocks import read_polls

from tests.idea_polls.test_blocks import ZONE, post

INDENT_DE = "die Einrückung dieser Zeile passt nicht zu den Zeilen darüber"
INDENT_EN = "the indentation of this line does not match the lines above"

# (YAML of the block, expected "line: message" in German, the same in English);
# the fence is on line 6, so the YAML starts on line 7.
BROKEN = [
    (
        "id: x\noptions:\n  - id: a\n   label: A\n",
        f"10: Der Umfrage-Block ist kein gültiges YAML: {INDENT_DE}.",
        f"10: The poll block is not valid YAML: {INDENT_EN}.",
    ),
    (
        "id: x\noptions:\n  - id: a\n  label: A\n",
        f"10: Der Umfrage-Block ist kein gültiges YAML: {INDENT_DE}.",
        f"10: The poll block is not valid YAML: {INDENT_EN}.",
    ),
    (
        "id: x\nquestion: Frage: warum?\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: in dieser Zeile steht ein Doppelpunkt, "
        "wo keiner stehen darf (im Text oder wegen falscher Einrückung).",
        "8: The poll block is not valid YAML: this line has a colon where none may be "
        "(in the text, or because of the indentation).",
    ),
    (
        "id: x\nquestion\nlabel: y\n",
        "9: Der Umfrage-Block ist kein gültiges YAML: einer Zeile fehlt der Doppelpunkt "
        "nach dem Feldnamen.",
        "9: The poll block is not valid YAML: a line lacks the colon after its field name.",
    ),
    (
        "id: x\n\tquestion: Q\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: die Zeile ist mit einem Tabulator "
        "eingerückt; erlaubt sind nur Leerzeichen.",
        "8: The poll block is not valid YAML: the line is indented with a tab; "
        "only spaces are allowed.",
    ),
    (
        'id: x\nquestion: "Welche Idee?\n',
        "8: Der Umfrage-Block ist kein gültiges YAML: ein Anführungszeichen wird nicht "
        "wieder geschlossen.",
        "8: The poll block is not valid YAML: a quotation mark is not closed again.",
    ),
    (
        "id: x\nquestion: [Q\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: eine eckige Klammer [ wird nicht "
        "wieder geschlossen.",
        "8: The poll block is not valid YAML: a square bracket [ is not closed again.",
    ),
    (
        "id: x\nquestion: {Q\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: eine geschweifte Klammer { wird nicht "
        "wieder geschlossen.",
        "8: The poll block is not valid YAML: a curly bracket { is not closed again.",
    ),
    (
        'id: x\nquestion: "C:\\Daten"\n',
        "8: Der Umfrage-Block ist kein gültiges YAML: in Text mit doppelten Anführungszeichen "
        "steht ein Backslash \\.",
        "8: The poll block is not valid YAML: a text in double quotes contains a backslash \\.",
    ),
    (
        "id: x\nquestion: *wichtig* ist das\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: ein Text beginnt mit * oder & "
        "(das liest YAML als Verweis).",
        "8: The poll block is not valid YAML: a text starts with * or & "
        "(YAML reads that as a reference).",
    ),
    (
        "id: x\nquestion: *Gruppe\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: ein Text beginnt mit * oder & "
        "(das liest YAML als Verweis).",
        "8: The poll block is not valid YAML: a text starts with * or & "
        "(YAML reads that as a reference).",
    ),
    (
        "id: x\nquestion: @team was meint ihr?\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: ein Text beginnt mit einem Zeichen, "
        "das YAML nicht als Textanfang erlaubt (wie @, ` oder %).",
        "8: The poll block is not valid YAML: a text starts with a character YAML does not "
        "allow there (such as @, ` or %).",
    ),
    (
        "id: x\nquestion: |x\n",
        "8: Der Umfrage-Block ist kein gültiges YAML: der Aufbau dieser Zeile passt nicht "
        "zu 'Feldname: Wert'.",
        "8: The poll block is not valid YAML: this line does not fit the 'field: value' layout.",
    ),
]
JARGON = ("<block", "expected", "found", "scanning", "parsing", "stream", "token", "alias")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(("block", "german", "english"), BROKEN, ids=[b for b, _, _ in BROKEN])
def test_a_block_yaml_cannot_read_is_named_in_plain_words(
    block: str, german: str, english: str, lang: str
) -> None:
    found = read_polls(post(block), "content/posts/kantine.md", lang, ZONE)
    [problem] = found.problems
    assert f"{problem.line}: {problem.message}" == (german if lang == "de" else english)
    assert problem.fix, "every problem says how to fix it"
    said = f"{problem.message} {problem.fix}".lower()
    assert not [word for word in JARGON if word in said], said
