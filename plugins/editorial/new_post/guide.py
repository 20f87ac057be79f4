"""The explanations `invoke new-post` writes into a new post and a new profile."""

from __future__ import annotations

POST_GUIDE = {
    "de": """
So füllen Sie den Kopf oben aus. Jede Zeile hat die Form 'Feld: Wert'.
Leere Felder dürfen leer bleiben oder gelöscht werden. Wenn Sie fertig
sind, löschen Sie diesen ganzen Erklärungsblock bis zu seiner letzten Zeile.

Title         Die Überschrift. Kurz, konkret, gern als Frage.
Id            Die feste Kennung des Beitrags für seine Kommentare. Nicht ändern:
              Titel und Adresse dürfen sich ändern, die Kommentare bleiben.
Date          Wann der Beitrag erscheint (JJJJ-MM-TT HH:MM). Ein Datum in der
              Zukunft plant den Beitrag ein: er erscheint erst an diesem Tag.
              Die Redaktion legt das endgültige Datum mit Ihnen fest.
Category      Genau eine Kategorie aus der Liste der Redaktion.
Tags          Stichwörter, durch Kommas getrennt, z. B. 'Werkstatt, Laufräder'.
Author        Ihr Kürzel (Dateiname Ihres Profils in content/authors/).
              Schreiben mehrere: 'Authors: kuerzel-eins, kuerzel-zwei'.
Interview     Nur bei einem Gespräch: Kürzel derer, die die Fragen gestellt haben.
Told-to       Kürzel derer, die den Text für Sie aufgeschrieben haben
              (erscheint als 'Aufgezeichnet von …').
Lang          Sprache des Beitrags: de oder en.
Summary       Ein bis zwei Sätze, die neugierig machen. Erscheinen in der
              Übersicht und in Suchmaschinen.
Submitted     Der Tag, an dem Sie den Beitrag einreichen (JJJJ-MM-TT).
Reviewed-by   Trägt die Redaktion ein: wer gegengelesen hat.
Image         Titelbild, z. B. 'images/werkstatt.jpg'. Das Bild laden Sie
              nach content/images/ hoch (höchstens $pixels Pixel breit).
Image-alt     Was auf dem Titelbild zu sehen ist, für Menschen, die es nicht
              sehen. Pflicht, sobald es ein Titelbild gibt.
Image-credit  Wer das Bild gemacht hat und unter welcher Lizenz,
              z. B. 'Foto: Jana Roth'. Pflicht bei einem Titelbild.
Photos        Wer sonst geholfen hat, mit Kürzel: 'Photos: …' für die Fotos,
              'Translation: …' für eine Übersetzung (Zeile dazuschreiben).
Disclosure    Nur wenn nötig: 'own-product' (über eigene Produkte),
              'sponsored' (bezahlt) oder 'paid-partnership' (Partnerschaft).
Visibility    'public' für alle, 'internal' nur im Intranet.
Status        'draft', solange der Text nicht fertig ist (nur in der Vorschau unter
              /entwuerfe/); 'published', wenn er erscheinen soll.

Später ergänzt die Redaktion bei Bedarf:
Modified      Datum einer wesentlichen Änderung (JJJJ-MM-TT HH:MM).
Correction    Eine Zeile je Korrektur: 'Datum | correction | Was falsch war'
              (statt 'correction' auch 'clarification' oder 'retraction').

Im Text:
- Zwischenüberschriften mit '## ', Listen mit '- '.
- Bilder: ![Beschreibung, was zu sehen ist]({static}/images/datei.jpg)
- Links auf Beiträge: [Text]({filename}/posts/2026/dateiname.md)
- Eine Umfrage: ein Block zwischen ```poll und ```, siehe 'Mitmachen'.

Prüfen:    uv run invoke check
Ansehen:   uv run invoke livereload  (dann http://127.0.0.1:8000/)
""",
    "en": """
How to fill in the header above. Every line reads 'Field: value'.
Empty fields may stay empty or be deleted. When you are done, delete
this whole block of explanations down to its last line.

Title         The headline. Short, concrete, a question is fine.
Id            The post's fixed identifier for its comments. Do not change it:
              title and address may change, the comments stay.
Date          When the post appears (YYYY-MM-DD HH:MM). A date in the future
              schedules the post: it appears on that day. The editorial
              team agrees the final date with you.
Category      Exactly one category from the editorial team's list.
Tags          Keywords separated by commas, e.g. 'Workshop, Wheels'.
Author        Your handle (the file name of your profile in content/authors/).
              Several writers: 'Authors: handle-one, handle-two'.
Interview     Only for a conversation: handles of those who asked the questions.
Told-to       Handles of those who wrote the text down for you
              (shown as 'As told to …').
Lang          Language of the post: de or en.
Summary       One or two sentences that make people curious. Shown in the
              listings and in search engines.
Submitted     The day you hand in the post (YYYY-MM-DD).
Reviewed-by   Filled in by the editorial team: who reviewed the post.
Image         Header image, e.g. 'images/workshop.jpg'. Upload the image to
              content/images/ (at most $pixels pixels wide).
Image-alt     What the header image shows, for people who cannot see it.
              Required once there is a header image.
Image-credit  Who made the image and under which licence,
              e.g. 'Photo: Jana Roth'. Required with a header image.
Photos        Others who helped, by handle: 'Photos: …' for the photos,
              'Translation: …' for a translation (add the line).
Disclosure    Only if needed: 'own-product' (about our own products),
              'sponsored' (paid for) or 'paid-partnership'.
Visibility    'public' for everyone, 'internal' for the intranet only.
Status        'draft' while the text is not finished (only in the preview, under
              /entwuerfe/); 'published' when it is to appear.

Added later by the editorial team when needed:
Modified      Date of a substantial change (YYYY-MM-DD HH:MM).
Correction    One line per correction: 'date | correction | what was wrong'
              ('clarification' or 'retraction' instead of 'correction').

In the text:
- Subheadings with '## ', lists with '- '.
- Images: ![Description of what it shows]({static}/images/file.jpg)
- Links to posts: [text]({filename}/posts/2026/file-name.md)
- A poll: a block between ```poll and ```, see the 'Join in' page (join-in/).

Check:     uv run invoke check
Preview:   uv run invoke livereload  (then http://127.0.0.1:8000/)
""",
}

PROFILE_GUIDE = {
    "de": """
Ihr Profil. Die Redaktion hilft beim Ausfüllen; wenn alles stimmt, löschen
Sie diesen Erklärungsblock bis zu seiner letzten Zeile. Darunter schreiben
Sie zwei, drei Absätze über sich: was Sie tun und was Sie daran reizt.

Name, Role    Ihr Name und Ihre Funktion, wie sie auf der Website stehen sollen.
Department    geschaeftsleitung, entwicklung, produktion, vertrieb,
              kundendienst, personal, kommunikation oder finanzen.
Level         vorstand, bereichsleitung, teamleitung, fachkraft oder ausbildung.
Location, Languages, Joined (JJJJ-MM-TT), Ask-me-about: freiwillig.
Website, Linkedin, Xing, Mastodon, Github: freiwillig, vollständige Adressen.
Photo         Dateiname eines Fotos neben dieser Datei, z. B. 'vorname-nachname.jpg'.
Photo-focus   Wo Ihr Gesicht ist, als 'x, y' zwischen 0 und 1, z. B. '0.5, 0.35'.
Photo-credit  Wer das Foto gemacht hat.
Consent       Erst 'yes', wenn alle Punkte unten abgehakt sind.
Consent-date  Der Tag der Einwilligung (JJJJ-MM-TT).
Status        'active'; 'alumni' nach dem Ausscheiden; 'removed' nimmt das
              Profil und das Foto sofort von der Website.
Editor        'yes' nur für die Redaktion.

Einwilligung (vor 'Consent: yes' gemeinsam mit der Redaktion abhaken):
[ ] Ich bin einverstanden, dass mein Name, meine Funktion und meine Abteilung
    mit meinen Beiträgen veröffentlicht werden.
[ ] Ich bin einverstanden, dass mein Foto veröffentlicht wird (nur mit Foto).
[ ] Die Angaben unter Location, Languages und Ask-me-about und die Links
    habe ich selbst gewählt.
[ ] Ich weiß, dass ich die Einwilligung jederzeit ohne Begründung widerrufen
    kann ('Status: removed' oder eine Nachricht an die Redaktion).
[ ] Die Redaktion hat die Einwilligung schriftlich abgelegt.
""",
    "en": """
Your profile. The editorial team helps you fill it in; when everything is
right, delete this block of explanations down to its last line. Below it
write two or three paragraphs about yourself: what you do and what you like
about it.

Name, Role    Your name and role as they should appear on the website.
Department    geschaeftsleitung, entwicklung, produktion, vertrieb,
              kundendienst, personal, kommunikation or finanzen.
Level         vorstand, bereichsleitung, teamleitung, fachkraft or ausbildung.
Location, Languages, Joined (YYYY-MM-DD), Ask-me-about: optional.
Website, Linkedin, Xing, Mastodon, Github: optional, full addresses.
Photo         File name of a photo next to this file, e.g. 'first-last.jpg'.
Photo-focus   Where your face is, as 'x, y' between 0 and 1, e.g. '0.5, 0.35'.
Photo-credit  Who took the photo.
Consent       Only 'yes' once every item below is ticked.
Consent-date  The day of consent (YYYY-MM-DD).
Status        'active'; 'alumni' after leaving; 'removed' takes the profile
              and the photo off the website at once.
Editor        'yes' only for the editorial team.

Consent (tick together with the editorial team before 'Consent: yes'):
[ ] I agree that my name, role and department are published with my posts.
[ ] I agree that my photo is published (only with a photo).
[ ] I chose the details under Location, Languages and Ask-me-about and the
    links myself.
[ ] I know I can withdraw my consent at any time without giving a reason
    ('Status: removed' or a message to the editorial team).
[ ] The editorial team has filed the consent in writing.
""",
}
