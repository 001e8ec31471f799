// On a wide screen (76.25em and up, where both sidebars show) a display formula is never cut
// and never scrolls: one a little wider than the content column is set in a smaller size, down
// to 75% of KaTeX's. On a phone a wide formula scrolls instead, with a shadow (extra.css).
(function () {
  "use strict";
  const wide = window.matchMedia("(min-width: 76.25em)");
  function fit() {
    for (const math of document.querySelectorAll(".md-typeset div.arithmatex")) {
      const katex = math.querySelector(".katex-display > .katex");
      if (!katex) continue;
      katex.style.fontSize = "";
      if (!wide.matches || math.scrollWidth <= math.clientWidth) continue;
      // Not every part of a formula scales with its font size (struts, rules), so shrink again
      // until it fits, never below 75% of KaTeX's size.
      const full = parseFloat(getComputedStyle(katex).fontSize);
      let size = full;
      for (let step = 0; step < 4 && math.scrollWidth > math.clientWidth && size > 0.75 * full; step++) {
        size = Math.max(0.75 * full, size * (math.clientWidth - 2) / math.scrollWidth);
        katex.style.fontSize = `${size.toFixed(2)}px`;
      }
    }
  }
  // Material replaces the page's content on navigation (navigation.instant): fit each new page
  if (typeof document$ !== "undefined") document$.subscribe(fit);
  else document.addEventListener("DOMContentLoaded", fit);
  window.addEventListener("resize", fit);
  document.fonts.ready.then(fit);  // widths change once KaTeX's fonts have loaded
})();
