/* The one DOM helper of the site's scripts (outputs/assets.py puts this file before each script
 * that uses it): an element with attributes and text, never built from HTML. */
window.VCDom = window.VCDom || {
  el: function (tag, attrs, text) {
    "use strict";
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
};
