/* Material's search in the header covers the site's own pages; the resources are searched by
 * the catalogue search (search.html), which is built for them. This puts a link to it, for
 * what is typed, above the header's results, and Enter opens it unless a result is selected. */
(function () {
  "use strict";
  var input = document.querySelector("[data-md-component=search-query]");
  var results = document.querySelector("[data-md-component=search-result]");
  var config = document.getElementById("__config");
  if (!input || !results || !config) return;
  var page = new URL(JSON.parse(config.textContent).base + "/search.html", location.href);

  var box = document.createElement("p");
  box.className = "vc-header-search";
  var link = document.createElement("a");
  link.className = "vc-header-search__link";
  box.appendChild(link);
  results.insertBefore(box, results.firstChild);

  function target() {
    var q = input.value.trim();
    return page.href + (q ? "#q=" + encodeURIComponent(q) : "");
  }
  function update() {
    var q = input.value.trim();
    link.href = target();
    link.textContent = q ? "Search every resource for \u201c" + q + "\u201d \u2192"
                         : "Search every resource in the catalogue search \u2192";
  }
  input.addEventListener("input", update);
  update();
  // Before Material's own handler (it listens on window, bubbling): Enter in the field.
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || document.activeElement !== input || !input.value.trim()) return;
    event.preventDefault();
    event.stopPropagation();
    location.href = target();
  }, true);
})();
