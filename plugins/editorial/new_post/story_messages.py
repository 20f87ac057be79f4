"""What `invoke new-post --story` says about the editorial plan, in German and English."""

from __future__ import annotations

from functools import partial

from faces_common.messages import catalog_phrase

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "plan_missing": "{path} gibt es nicht: Es gibt noch keinen Redaktionsplan. Holen Sie "
        "die angenommenen Geschichten mit 'uv run invoke stories pull' oder prüfen Sie "
        "EDITORIAL_PLAN_PATH.",
        "plan_json": "{path}:{line}: Der Redaktionsplan lässt sich nicht lesen (JSON: {reason}). "
        "Korrigieren Sie die Zeile oder holen Sie den Plan neu mit 'uv run invoke stories pull'.",
        "plan_shape": "{path}: Im Redaktionsplan fehlt die Liste 'stories'. Holen Sie den Plan "
        "neu mit 'uv run invoke stories pull'.",
        "plan_no_ids": "(keine)",
        "unknown_story": "Die Geschichte '{value}' steht nicht in {path}. Bekannt sind: {known}, "
        "z. B. --story {known}.",
        "story_not_accepted": "Die Geschichte '{value}' in {path} ist nicht angenommen (kein "
        "'accepted'). Nehmen Sie sie zuerst an: uv run invoke stories accept --id {value} "
        "--editor KUERZEL, dann uv run invoke stories pull.",
        "story_editor": "Die Geschichte '{value}' in {path} nennt als Redaktion '{editor}', "
        "dazu gibt es kein Profil. Tragen Sie dort bei 'editor' das Kürzel eines Profils aus "
        "content/authors/ ein.",
        "story_unknown": "(nicht angegeben)",
        "story_note": "Vorgeschlagene Geschichte {id} aus dem Redaktionsplan, nur für die "
        "Redaktion.\nLöschen Sie diese Notiz mit dem ganzen Block, bevor der Beitrag "
        "erscheint.\n"
        "Vorgeschlagen von: {proposer}\nÜber: {person}, {department}\nText:\n{text}\n",
    },
    "en": {
        "plan_missing": "{path} does not exist: there is no editorial plan yet. Fetch the "
        "accepted stories with 'uv run invoke stories pull' or check EDITORIAL_PLAN_PATH.",
        "plan_json": "{path}:{line}: the editorial plan cannot be read (JSON: {reason}). "
        "Correct the line or fetch the plan again with 'uv run invoke stories pull'.",
        "plan_shape": "{path}: the editorial plan has no list 'stories'. Fetch the plan again "
        "with 'uv run invoke stories pull'.",
        "plan_no_ids": "(none)",
        "unknown_story": "The story '{value}' is not in {path}. Known: {known}, "
        "e.g. --story {known}.",
        "story_not_accepted": "The story '{value}' in {path} has not been accepted (no "
        "'accepted'). Accept it first: uv run invoke stories accept --id {value} "
        "--editor HANDLE, "
        "then uv run invoke stories pull.",
        "story_editor": "The story '{value}' in {path} names the editor '{editor}', who has no "
        "profile. Enter the handle of a profile in content/authors/ as its 'editor'.",
        "story_unknown": "(not given)",
        "story_note": "Proposed story {id} from the editorial plan, for the editors only.\n"
        "Delete this note with the whole block before the post appears.\n"
        "Proposed by: {proposer}\nAbout: {person}, {department}\nText:\n{text}\n",
    },
}

# One phrase in a language, falling back to English.
story_word = partial(catalog_phrase, WORDS)
