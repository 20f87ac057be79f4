// Filters the faces wall in place. Without this script the filter links open static pages.
(function () {
  "use strict";
  var wall = document.querySelector("[data-wall]");
  if (!wall || !window.history || !window.history.pushState) return;
  var links = Array.prototype.slice.call(wall.querySelectorAll("a[data-filter-kind]"));
  var status = wall.querySelector("[data-wall-status]");
  var title = wall.querySelector("[data-wall-title]");
  var current = wall.querySelector("[data-wall-current]");
  var menu = wall.querySelector(".wall-filter__menu");

  function apply(link) {
    var kind = link.getAttribute("data-filter-kind");
    var key = link.getAttribute("data-filter-key");
    var total = 0;
    wall.querySelectorAll("[data-wall-group]").forEach(function (group) {
      var count = 0;
      group.querySelectorAll("li[data-department]").forEach(function (person) {
        var value = person.getAttribute("data-" + kind) || "";
        // A person writes about several topics: data-topic lists them, space-separated.
        var show = !kind || (kind === "topic" ? value.split(" ").indexOf(key) >= 0 : value === key);
        person.hidden = !show;
        if (show) count += 1;
      });
      group.hidden = count === 0;
      group.querySelector("[data-wall-count]").textContent = "(" + count + ")";
      total += count;
    });
    links.forEach(function (other) {
      if (other === link) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    });
    title.textContent = link.getAttribute("data-filter-title");
    current.textContent = link.firstChild.textContent.trim();
    document.title = title.textContent + wall.getAttribute("data-title-suffix");
    var template = status.getAttribute(total === 1 ? "data-one" : "data-many");
    status.textContent = template.replace("{n}", String(total));
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      apply(link);
      // On a narrow screen the open filter panel would cover the faces it just filtered.
      menu.open = false;
      window.history.pushState(null, "", link.href);
    });
  });

  window.addEventListener("popstate", function () {
    var here = links.filter(function (link) { return link.href === window.location.href; })[0];
    if (here) apply(here);
    else window.location.reload();
  });
})();
