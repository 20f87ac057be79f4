/* Story intake: send the "propose a story" form in place (plugins/story_intake). The form
   works without it: then the backend shows the proposal once more to confirm. */
(() => {
  const form = document.querySelector("[data-story-form]");
  if (!form || !window.fetch) return;
  const answer = form.querySelector("[data-story-answer]");
  const button = form.querySelector("button[type=submit]");
  const JSON_ACCEPT = { Accept: "application/json" };
  // The stamp is fetched when the form is first used: the backend refuses one sent too soon.
  let stamp = null;
  const fetchStamp = () => {
    stamp ??= fetch(`${form.action}/stamp`, { headers: JSON_ACCEPT }).then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
    return stamp;
  };
  form.addEventListener("focusin", () => fetchStamp().catch(() => {}), { once: true });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const fields = Object.fromEntries(new FormData(form));
      fields.stamp = (await fetchStamp()).stamp;
      stamp = null; // a stamp is good for one post
      const response = await fetch(form.action, {
        method: "POST",
        headers: { ...JSON_ACCEPT, "Content-Type": "application/json" },
        body: JSON.stringify(fields),
      });
      const body = await response.json();
      answer.textContent = String(body.message || form.dataset.failed);
      if (response.ok) form.reset();
      const field = body.field && form.elements.namedItem(body.field);
      if (field && typeof field.focus === "function") field.focus();
    } catch {
      stamp = null;
      answer.textContent = form.dataset.failed;
    } finally {
      button.disabled = false;
    }
  });
})();
