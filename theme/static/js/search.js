// The search page: Pagefind's index from this site's own folder, results drawn in the theme.
// Without JavaScript the page shows its <noscript> line and this form stays hidden.
const SHOWN = 30;

const root = document.getElementById("search");
if (root) start(root);

async function start(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[type=search]");
  const status = root.querySelector(".search__status");
  const list = root.querySelector(".search__results");
  const fieldset = form.querySelector(".search__filters");
  const groups = form.querySelector(".search__filter-groups");
  const labels = JSON.parse(root.dataset.labels);
  const valueLabels = JSON.parse(root.dataset.values || "{}");
  // The listeners come first: a reader who types while the index loads is answered once it has.
  const ready = openIndex(root, groups, labels, valueLabels);
  let latest = 0;
  const run = async () => {
    const asked = ++latest;
    const pagefind = await ready;
    if (!pagefind || asked !== latest) return;
    const query = input.value.trim();
    const filters = chosenFilters(groups);
    remember(query, groups);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    let search = await pagefind.search(query || null, { filters });
    if (query && root.dataset.shards) search = await withoutFallbacks(pagefind, query, filters, search);
    const found = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    if (asked !== latest) return; // a newer query is under way
    list.replaceChildren(...found.map((data) => drawResult(data, root.dataset)));
    status.textContent = resultLine(root.dataset, search.results.length, query);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  let pause;
  input.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(run, 150);
  });
  groups.addEventListener("change", run);
  root.hidden = false;
  const pagefind = await ready;
  if (!pagefind) {
    status.textContent = root.dataset.textFailed;
    return;
  }
  fieldset.hidden = groups.children.length === 0;
  const params = new URLSearchParams(location.search);
  if (!input.value) input.value = params.get("q") || "";
  for (const box of groups.querySelectorAll("input")) {
    box.checked = params.getAll(box.name).includes(box.value);
    if (box.checked) box.closest("details").open = true;
  }
  root.dataset.state = "ready";
  if (input.value || groups.querySelector("input:checked")) run();
}

// Pagefind's script and filter list from this site's own folder; null when they cannot load.
// A large site's index comes in shards: the first one's script searches all of them.
async function openIndex(root, groups, labels, valueLabels) {
  try {
    const options = { baseUrl: root.dataset.base, excerptLength: 24 };
    const shards = root.dataset.shards ? await shardFolders(root.dataset.shards) : [];
    const pagefind = await import(shards.length ? `${shards[0]}pagefind.js` : root.dataset.index);
    // Each shard's pages carry its number as a filter of their own (see withoutFallbacks).
    const tagged = (number) => (shards.length ? { mergeFilter: { shard: String(number) } } : {});
    await pagefind.options({ ...options, ...tagged(0) });
    await Promise.all(
      shards.slice(1).map((folder, n) => pagefind.mergeIndex(folder, { ...options, ...tagged(n + 1) })),
    );
    drawFilters(groups, labels, valueLabels, await pagefind.filters());
    return pagefind;
  } catch (error) {
    return null;
  }
}

// The shards' folders as addresses on this site, from the list the build wrote.
async function shardFolders(address) {
  const response = await fetch(address);
  if (!response.ok) throw new Error(`${address}: ${response.status}`);
  const list = new URL(address, location.href);
  return (await response.json()).map((name) => new URL(name, list).pathname);
}

// Pagefind answers a word its index lacks with the pages holding the longest start of it that it
// has ("Einpresswerkzeug" -> "ein"). One index lacks a word only when no page has it; a shard
// lacks it whenever its own pages do. So once the best page of one shard holds every typed
// word, the shards whose best page does not are left out: results and count as one index.
async function withoutFallbacks(pagefind, query, filters, search) {
  const counts = search.filters.shard || {};
  const answering = Object.keys(counts).filter((shard) => counts[shard] > 0);
  if (answering.length < 2) return search;
  const words = query.split(/\s+/).map(fold).filter(Boolean);
  const holding = [];
  await Promise.all(
    answering.map(async (shard) => {
      const own = { ...filters, shard: { any: [shard] } };
      const [best] = (await pagefind.search(query, { filters: own })).results;
      if (best && holdsEvery(await best.data(), words)) holding.push(shard);
    }),
  );
  if (!holding.length || holding.length === answering.length) return search;
  return pagefind.search(query, { filters: { ...filters, shard: { any: holding } } });
}

// Whether the page's found words include every typed word (or a form of it, as stemming finds).
function holdsEvery(data, words) {
  const text = (data.content || "").split(/[\r\n\s]+/g);
  // "E-Lastenräder:" holds "lastenrader" as Pagefind reads it, and "elastenrader".
  const parts = (word) => [word, ...word.split(/[^\p{L}\p{N}]+/u)].map(fold);
  const found = (data.locations || []).flatMap((at) => parts(text[at] || ""));
  return words.every((word) => found.some((seen) => sameWord(seen, word)));
}

// The same word up to an ending ("Bremsen", "Freundlichkeit" -> "freundlich"): all but the typed
// word's last four letters at most; a start the fallback found is shorter than that.
function sameWord(seen, typed) {
  let common = 0;
  while (common < seen.length && seen[common] === typed[common]) common++;
  return common >= typed.length - 4;
}

// A word as Pagefind compares it: lower case, no accents, ß as ss, ä/ö/ü typed as ae/oe/ue.
function fold(word) {
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/([aou])e/g, "$1")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

// A filter whose values are keys ("post", "person") shows them in the page's words.
function drawFilters(groups, labels, valueLabels, available) {
  for (const [name, label] of labels) {
    const shown = (value) => (valueLabels[name] || {})[value] || value;
    const values = Object.keys(available[name] || {}).sort((a, b) => shown(a).localeCompare(shown(b)));
    if (!values.length) continue;
    // A closed disclosure per filter keeps the results in view on a small screen.
    const group = element("details", "search__filter");
    group.append(element("summary", "", label));
    const choices = element("fieldset");
    choices.append(element("legend", "visually-hidden", label));
    group.append(choices);
    for (const value of name === "year" ? values.reverse() : values) {
      const box = element("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      const choice = element("label", "search__choice");
      choice.append(box, ` ${shown(value)}`);
      choices.append(choice);
    }
    groups.append(group);
  }
}

function chosenFilters(groups) {
  const filters = {};
  for (const box of groups.querySelectorAll("input:checked")) {
    (filters[box.name] ||= { any: [] }).any.push(box.value);
  }
  return filters;
}

function remember(query, groups) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const box of groups.querySelectorAll("input:checked")) params.append(box.name, box.value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function resultLine(texts, count, query) {
  const template = count === 0 ? texts.textNone : count === 1 ? texts.textOne : texts.textMany;
  return template.replace("{count}", String(count)).replace("{query}", query);
}

function drawResult(data, texts) {
  const meta = data.meta || {};
  const person = meta.kind === "person";
  const item = element("li", `search-result search-result--${person ? "person" : "post"}`);
  if (meta.image) {
    const face = element("img", "search-result__face");
    face.src = meta.image;
    face.alt = "";
    face.width = face.height = 64;
    face.loading = "lazy";
    item.append(face);
  }
  const text = element("div", "search-result__text");
  text.append(element("p", "search-result__kind", person ? texts.textPerson : texts.textPost));
  const title = element("h2", "search-result__title");
  const link = element("a", "", meta.title || data.url);
  link.href = data.url;
  title.append(link);
  text.append(title);
  const facts = person ? [meta.role, meta.department] : [meta.date, meta.authors];
  const line = facts.filter(Boolean).join(" · ");
  if (line) text.append(element("p", "search-result__facts", line));
  text.append(excerpt(data.excerpt || ""));
  item.append(text);
  return item;
}

// Pagefind marks the matched words with <mark>; only text and those marks are taken over.
function excerpt(html) {
  const paragraph = element("p", "search-result__excerpt");
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") paragraph.append(element("mark", "", node.textContent));
    else paragraph.append(node.textContent);
  }
  return paragraph;
}

function element(name, className = "", text = "") {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}
