/* "Copy the address" of a feed: its full address (resolved against the page where the site
 * names no address of its own), to the clipboard, or selected where the browser allows no
 * clipboard (a page opened from disk). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) return;
    input.value = new URL(input.value, location.href).href;
    input.focus();
    input.select();
    button.textContent = "Selected: press Ctrl+C";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = "Copied";
      }, function () {});
    }
  });
})();
