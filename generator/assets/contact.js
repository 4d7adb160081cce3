/* Listing contacts: e-mail addresses are stored encoded (reversed, base64) and shown on click. */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".vc-contact__show");
  if (!button) return;
  var box = button.parentNode;
  var address = atob(box.getAttribute("data-c")).split("").reverse().join("");
  var link = document.createElement("a");
  link.href = "mailto:" + address;
  link.textContent = address;
  box.replaceChild(link, button);
  link.focus();
});
