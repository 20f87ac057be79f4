"""German-looking filler for the synthetic site: words, names, titles, sentences, bodies, polls."""

from __future__ import annotations

import random
from collections.abc import Sequence


def _vocabulary(words: str) -> tuple[str, ...]:
    return tuple(words.split())


NOUNS = _vocabulary(
    "Rahmen Lastenrad Werkstatt Kundin Kunde Motor Akku Bremse Kette Schaltung Lieferung "
    "Fachhandel Prüfstand Montage Schweissnaht Aluminium Lager Ersatzteil Entscheidung Team "
    "Kollegin Kollege Ausbildung Schicht Messe Händlerin Reparatur Velo Pedal Lenker Sattel "
    "Speiche Felge Nabe Lieferkette Kalkulation Rechnung Budget Prototyp Zeichnung Messung "
    "Ökobilanz Verpackung Transporter Fähre Bodensee Halle Kantine Besprechung Umfrage Idee "
    "Frage Antwort Fehler Rückruf Garantie Qualität Stückzahl Woche Monat Sommer Winter "
    "Strecke Probefahrt Software Display Kabel Stecker Schraube Drehmoment Werkzeug Anleitung"
)


ADJECTIVES = _vocabulary(
    "neue alte schwere leichte ehrliche schnelle langsame teure günstige robuste kleine grosse "
    "erste letzte ganze halbe gute schwierige einfache knappe offene klare genaue laute ruhige "
    "nasse trockene digitale elektrische mechanische regionale gemeinsame eigene"
)


VERBS = _vocabulary(
    "prüft baut misst erklärt verändert bestellt liefert repariert zeigt plant fragt "
    "entscheidet vergleicht schweisst montiert testet verbessert braucht kostet spart hält "
    "bringt findet sucht dokumentiert bespricht übernimmt"
)


ADVERBS = _vocabulary(
    "heute gestern morgens abends jetzt bisher wieder selten oft zuerst danach trotzdem "
    "ehrlich gesagt eigentlich gemeinsam genau ungefähr deutlich kaum"
)


PREPOSITIONS = _vocabulary("mit ohne für gegen über unter nach vor bei aus durch zwischen")


ARTICLES = _vocabulary("der die das ein eine unser unsere jede kein")


TAGS = _vocabulary(
    "Werkstatt Lastesel Aluminium Recycling Fachhandel Ausbildung Pendeln Qualität Montage "
    "Elektronik Akku Software Prüfstand Lieferzeiten Export Schweiz Konstanz Kreuzlingen "
    "Kundendienst Garantie Ersatzteile Reparatur Umfrage Kantine Teilzeit Führung Messe "
    "Preise Kritik Transparenz Einkauf Logistik Verpackung Ökobilanz Sicherheit Rückruf "
    "Prototypen Design Farbe Rahmenbau Schweissen Lackierung Testfahrt Familie Alltag Winter "
    "Sommer Touren Veranstaltungen Praktikum Berufsschule Mitbestimmung Gesundheit Kooperation"
)


FIRST_NAMES = _vocabulary(
    "Anja Claire Dragan Emre Felix Hannah Jonas Julia Katrin Lea Marco Miriam Nadine Reto "
    "Samuel Sophie Tobias Aylin Bernd Carla Daniel Elif Fabian Greta Hamid Ines Jakob Kerstin "
    "Lukas Mara Nico Olga Paul Rosa Simon Tanja Urs Vera Wanda Yannick"
)


LAST_NAMES = _vocabulary(
    "Seidel Dubois Petrovic Yilmaz Hartmann Vogt Brenner Märki Albrecht Hofstetter Bianchi "
    "Keller Koch Ammann Okafor Brunner Wendt Meier Schmid Fischer Weber Baumann Frei Huber "
    "Gerber Steiner Graf Roth Lang Wyss Kaya Novak Berger Moser Widmer Zimmermann Bauer Kunz "
    "Sutter Lehmann"
)


def post_title(rng: random.Random) -> str:
    noun, other = rng.sample(NOUNS, 2)
    patterns = (
        f"Was wir über {noun} und {other} gelernt haben",
        f"{rng.choice(ADJECTIVES).capitalize()} {noun}: {rng.choice(PREPOSITIONS)} {other}",
        f"Warum {noun} {rng.choice(VERBS)}",
        f"Ein Tag mit {noun} und {other}",
        f"{noun} {rng.choice(PREPOSITIONS)} {other}",
    )
    return rng.choice(patterns)


def post_body(
    rng: random.Random, earlier: tuple[str, str] | None, poll_id: str | None
) -> tuple[str, int]:
    """A post body of about 620 words with headings, lists, links, emphasis and quotes."""
    target = rng.randrange(420, 701)
    blocks = [paragraph(rng, rng.randrange(3, 6))]
    if earlier is not None:
        earlier_title, link = earlier
        blocks.append(
            f"Mehr dazu stand schon in [{earlier_title}]({{filename}}/{link}), {sentence(rng, 10)}"
        )
    if poll_id:
        blocks.append(poll_block(rng, poll_id))
    while word_count(blocks) < target:
        blocks.append(f"## {sentence(rng, rng.randrange(3, 6), markup=False).rstrip('.')}")
        blocks.append(paragraph(rng, rng.randrange(3, 6)))
        roll = rng.random()
        if roll < 0.35:
            items = [f"- {sentence(rng, rng.randrange(5, 12))}" for _ in range(rng.randrange(3, 6))]
            blocks.append("\n".join(items))
        elif roll < 0.5:
            blocks.append(f"> {sentence(rng, rng.randrange(10, 20))}")
        elif roll < 0.6:
            items = [f"{n}. {sentence(rng, rng.randrange(5, 10))}" for n in range(1, 4)]
            blocks.append("\n".join(items))
        blocks.append(paragraph(rng, rng.randrange(2, 5)))
    return "\n\n".join(blocks) + "\n", word_count(blocks)


def poll_block(rng: random.Random, poll_id: str) -> str:
    options = "\n".join(
        f"  - id: option-{n}\n    label: {sentence(rng, 5, markup=False).rstrip('.')}"
        for n in range(1, rng.randrange(3, 5) + 1)
    )
    question = sentence(rng, 7, markup=False).rstrip(".")
    return (
        f"```poll\nid: {poll_id}\nquestion: {question}?\noptions:\n{options}\n"
        "multiple: false\nresults: live\nsuggestions: true\n```"
    )


def word_count(blocks: Sequence[str]) -> int:
    return sum(len(block.split()) for block in blocks)


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randrange(7, 17)) for _ in range(sentences))


def sentence(rng: random.Random, length: int, *, markup: bool = True) -> str:
    """A German-looking sentence of about length words, with inline Markdown now and then."""
    pools = (ARTICLES, ADJECTIVES, NOUNS, VERBS, ADVERBS, PREPOSITIONS, ARTICLES, NOUNS)
    words = [rng.choice(pools[i % len(pools)]) for i in range(length)]
    words[0] = words[0][:1].upper() + words[0][1:]
    if markup:
        roll = rng.random()
        spot = rng.randrange(len(words))
        if roll < 0.12:
            words[spot] = f"*{words[spot]}*"
        elif roll < 0.2:
            words[spot] = f"**{words[spot]}**"
        elif roll < 0.26 and len(words) > 3:
            words[spot : spot + 2] = [
                f"[{' '.join(words[spot : spot + 2])}]"
                f"(https://seewerk.example/{words[spot].lower()}/)"
            ]
        elif roll < 0.31:
            words[spot] = f'"{words[spot]}"'
        elif roll < 0.33:
            words[spot] = f"`{words[spot].lower()}`"
    return " ".join(words) + rng.choice(".....!?")
