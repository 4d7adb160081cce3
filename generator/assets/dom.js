/* The one DOM helper of the site's scripts (outputs/assets.py puts this file before each script
 * that uses it): an element with attributes and text, never built from HTML; and the scripts'
 * words in the page's language, from assets/vc/words/<lang>.js (made from the language's
 * gettext catalogue, loaded before the scripts on a page in another language than English). */
window.VCDom = window.VCDom || {
  el: function (tag, attrs, text) {
    "use strict";
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  },
  /* A text with its %(name)s placeholders filled in. */
  fill: function (text, values) {
    "use strict";
    return text.replace(/%\(([a-z_]+)\)s/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  },
  /* gettext: an English text in the page's language (English where it has no translation). */
  _: function (text, values) {
    "use strict";
    var words = (window.VCWords || {}).words || {};
    var found = words[text];
    return window.VCDom.fill(typeof found === "string" && found ? found : text, values);
  },
  /* ngettext: the plural form the page's language uses for n (its CLDR rule). */
  ngettext: function (one, many, n, values) {
    "use strict";
    var lang = window.VCWords || {}, forms = (lang.words || {})[one];
    var text = n === 1 ? one : many;
    if (Array.isArray(forms) && lang.plural) text = forms[Number(lang.plural(n))] || text;
    return window.VCDom.fill(text, values);
  },
  /* A number as the page's language writes it (12,500 / 12.500 / 12 500). */
  number: function (n) {
    "use strict";
    return Number(n).toLocaleString(document.documentElement.lang || "en");
  }
};
