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
  // The listeners come first: a reader who types while the index loads is answered once it has.
  const ready = openIndex(root, groups, labels);
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
    const search = await pagefind.search(query || null, { filters });
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
async function openIndex(root, groups, labels) {
  try {
    const options = { baseUrl: root.dataset.base, excerptLength: 24 };
    const shards = root.dataset.shards ? await shardFolders(root.dataset.shards) : [];
    const pagefind = await import(shards.length ? `${shards[0]}pagefind.js` : root.dataset.index);
    await pagefind.options(options);
    await Promise.all(shards.slice(1).map((folder) => pagefind.mergeIndex(folder, options)));
    drawFilters(groups, labels, await pagefind.filters());
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

function drawFilters(groups, labels, available) {
  for (const [name, label] of labels) {
    const values = Object.keys(available[name] || {}).sort((a, b) => a.localeCompare(b));
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
      choice.append(box, ` ${value}`);
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
