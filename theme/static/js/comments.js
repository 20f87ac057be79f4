/* Comments: send the form in place, and show comments approved since the build (docs in
   plugins/comments). The forms work without it. Data from the backend only ever becomes text. */
(() => {
  const JSON_HEADERS = { Accept: "application/json" };
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const safeUrl = (value) => {
    try {
      const url = new URL(value, location.href);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  };

  // Paragraphs from blank lines and clickable https links, as the build renders them.
  const paragraphs = (text) =>
    text.trim().split(/\n[ \t]*\n\s*/).filter((part) => part.trim()).map((part) => {
      const p = make("p");
      let rest = part;
      for (const match of part.matchAll(/https:\/\/[^\s<>"']+/g)) {
        const address = match[0].replace(/[.,;:!?)\]}»“”’]+$/, "");
        const at = rest.indexOf(address);
        p.append(rest.slice(0, at));
        const link = make("a", "", address);
        link.href = address;
        link.rel = "nofollow ugc";
        p.append(link);
        rest = rest.slice(at + address.length);
      }
      p.append(rest);
      return p;
    });

  const commentItem = (section, record) => {
    const item = make("li", record.parent ? "comment comment--reply" : "comment");
    item.id = record.id;
    const meta = make("div", "comment__meta");
    meta.append(make("span", "comment__name", record.name || section.dataset.anonymous), " ");
    const when = new Date(record.received);
    const link = make("a", "comment__date");
    link.href = "#" + record.id;
    const time = make("time", "", new Intl.DateTimeFormat(section.dataset.locale, { dateStyle: "long" }).format(when));
    time.dateTime = when.toISOString();
    link.append(time);
    meta.append(link);
    const body = make("div", "comment__text");
    body.append(...paragraphs(String(record.text || "")));
    item.append(meta, body);
    if (!record.parent) {
      const replies = make("ol", "comment__replies");
      replies.dataset.repliesTo = record.id;
      item.append(replies);
    }
    return item;
  };

  const merge = (section, records) => {
    const list = section.querySelector("[data-comments-list]");
    let added = 0;
    for (const record of records) {
      if (!/^c-[0-9a-f]{12}$/.test(record.id) || document.getElementById(record.id)) continue;
      const target = record.parent
        ? section.querySelector(`[data-replies-to="${record.parent}"]`)
        : list;
      if (!target) continue;
      target.append(commentItem(section, record));
      added += 1;
    }
    const count = section.querySelector(".comments__count");
    if (added && count) {
      count.textContent = `(${section.querySelectorAll("li.comment").length})`;
    }
  };

  const fetchNewer = async (section) => {
    const url = `${section.dataset.liveUrl}?since=${encodeURIComponent(section.dataset.since)}`;
    try {
      const response = await fetch(url, { headers: JSON_HEADERS });
      if (!response.ok) return;
      const answer = await response.json();
      if (Array.isArray(answer.comments)) merge(section, answer.comments);
    } catch {
      // No backend (static hosting, offline): the comments of the build stay.
    }
  };

  const stampFor = async (form) => {
    if (form.elements.stamp) return;
    const field = Object.assign(document.createElement("input"), { type: "hidden", name: "stamp" });
    form.append(field);
    try {
      const response = await fetch(form.action + "/stamp", { headers: JSON_HEADERS });
      if (response.ok) field.value = (await response.json()).stamp || "";
    } catch {
      field.remove();
    }
  };

  const send = async (section, form, event) => {
    event.preventDefault();
    const live = form.querySelector(".comments__live");
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { ...JSON_HEADERS, "Content-Type": "application/json" },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.status !== 201) {
        live.textContent = (typeof answer.detail === "string" && answer.detail) || section.dataset.failed;
        return;
      }
      form.reset();
      form.elements.stamp?.remove();
      live.textContent = "";
      const note = section.querySelector("#kommentar-wartet");
      note.classList.add("is-shown");
      const withdraw = safeUrl(answer.withdraw_url);
      note.querySelector(".comments__withdraw")?.remove();
      if (withdraw) {
        const link = make("a", "comments__withdraw", section.dataset.withdraw);
        link.href = withdraw;
        note.append(" ", link);
      }
      note.focus();
    } catch {
      live.textContent = section.dataset.failed;
    } finally {
      button.disabled = false;
    }
  };

  for (const section of document.querySelectorAll("section.comments[data-comments]")) {
    for (const form of section.querySelectorAll("[data-comments-form]")) {
      form.addEventListener("focusin", () => stampFor(form), { once: true });
      form.addEventListener("submit", (event) => send(section, form, event));
    }
    fetchNewer(section);
  }
})();
