/* Idea polls: vote in place, results as bars, the vote remembered (docs/polls.md).
   The form works without it. */
(() => {
  const VOTED = ["counted", "already_voted"];
  const JSON_ONLY = { headers: { Accept: "application/json" }, credentials: "include" };
  const make = (tag, className, textContent) =>
    Object.assign(document.createElement(tag), { className, textContent });
  const count = (poll, name, n) =>
    poll.dataset[name + (n === 1 ? "One" : "Other")].replace("{n}", n.toLocaleString(poll.dataset.locale));

  const store = (id, value) => {
    try {
      if (value) localStorage.setItem("idea-poll:" + id, value);
      return localStorage.getItem("idea-poll:" + id);
    } catch {
      return null; // no storage: the backend still refuses a second vote
    }
  };

  const say = (poll, status, message) => {
    const known = poll.querySelector(`[data-status="${status}"]`);
    const live = poll.querySelector(".poll__live");
    live.className = "poll__live poll__live--" + (/^(counted|suggestion_queued)$/.test(status) ? "ok" : "problem");
    // These carry details only the backend knows: the field, the wait, why a vote is refused.
    const detailed = /^(invalid|rate_limited|already_voted|address_limit)$/.test(status);
    live.textContent = ((detailed || !known) && message) || known?.textContent || "";
  };

  const showResults = (poll, results) => {
    if (!results) return;
    const percent = new Intl.NumberFormat(poll.dataset.locale, { style: "percent" });
    const list = make("ul", "poll__result-list", "");
    for (const option of results.options) {
      const label = make("label", "poll__result-label", option.label);
      const meter = make("meter", "", option.votes + "/" + results.total);
      meter.id = label.htmlFor = poll.id + "-live-" + option.id;
      meter.max = Math.max(results.total, 1);
      meter.value = option.votes;
      const share = percent.format(results.total ? option.votes / results.total : 0);
      list.append(make("li", "poll__result", ""));
      list.lastChild.append(label, meter, make("span", "poll__result-figure", `${count(poll, "vote", option.votes)} (${share})`));
    }
    const title = make("p", "poll__results-title", poll.dataset.resultsTitle + " · " + count(poll, "total", results.total));
    poll.querySelector("[data-poll-results]").replaceChildren(title, list);
  };

  // Only the question stays of the form (CSS); the note is for later visits.
  const voted = (poll, note) => {
    store(poll.dataset.poll, "voted");
    poll.classList.add("poll--voted");
    poll.querySelector(".poll__voted").hidden = !note;
  };

  const send = async (poll, form, event) => {
    event.preventDefault();
    const sid = form.elements._sid;
    // One id per vote, kept until the backend has answered: a retry is not counted twice.
    if (!sid.value) sid.value = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(36)).join("");
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    try {
      const body = new URLSearchParams(new FormData(form));
      const response = await fetch(form.action, { ...JSON_ONLY, method: "POST", body });
      const answer = await response.json();
      if (response.status < 500) sid.value = "";
      say(poll, answer.status, answer.message);
      if (VOTED.includes(answer.status)) voted(poll, false);
      if (answer.status === "suggestion_queued") form.elements.suggestion.value = "";
      showResults(poll, answer.results);
    } catch {
      say(poll, "unavailable");
    } finally {
      button.disabled = false;
    }
  };

  const setUp = (poll) => {
    const form = poll.querySelector("form");
    if (Date.parse(poll.dataset.closes) <= Date.now()) {
      poll.classList.add("poll--voted"); // the page was built before the poll closed
      return say(poll, "closed");
    }
    const query = new URLSearchParams(location.search); // after a vote without the script
    const status = query.get("poll") === poll.dataset.poll && query.get("poll_status");
    const target = document.querySelector(":target");
    if (/^\w+$/.test(status) && !(target && poll.contains(target))) say(poll, status);
    if (VOTED.includes(status) || store(poll.dataset.poll) === "voted") voted(poll, true);
    // Other modes show results only to voters (or at the close): nothing to fetch before.
    if (poll.dataset.resultsUrl && (store(poll.dataset.poll) || poll.dataset.results === "live")) {
      fetch(poll.dataset.resultsUrl, JSON_ONLY)
        .then((response) => response.json())
        .then((answer) => showResults(poll, answer.results))
        .catch(() => {}); // the snapshot in the page stays
    }
    form.addEventListener("submit", (event) => send(poll, form, event));
    form.addEventListener("change", () => {
      const full = form.querySelectorAll(":checked").length >= poll.dataset.max;
      for (const box of form.querySelectorAll("[type=checkbox]")) box.disabled = full && !box.checked;
    });
  };

  document.querySelectorAll(".poll[data-poll]").forEach(setUp);
})();
