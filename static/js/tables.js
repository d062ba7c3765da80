/* Tables and charts on a narrow screen (issue 14). Static, no inline script, so the CSP holds.
   - A <table data-stack> becomes a column of cards at phone width (static/css/app.css, "stacked tables"): each
     body cell gets data-label from its column's header unless the template gave one, and empty cells are marked
     so the card skips them. ARIA roles keep the table's meaning once CSS changes its display.
   - A scrolling wrapper (.table-responsive, .chart-scroll) that overflows gets the hint "Swipe sideways to see
     more" (its text from <body data-scroll-hint>), a name and keyboard focus, recomputed whenever a wrapper's size changes. */
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function headers(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    var names = [];
    if (!row) {
      return names;
    }
    each(row.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i += 1) {
        names.push(cell.getAttribute("data-label") || cell.textContent.replace(/\s+/g, " ").trim());
      }
    });
    return names;
  }

  function stack(table) {
    var names = headers(table);
    table.setAttribute("role", "table");
    each(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    each(table.rows, function (row) {
      row.setAttribute("role", "row");
      var index = 0;
      each(row.cells, function (cell) {
        var inHead = cell.parentNode.parentNode.tagName === "THEAD";
        if (!cell.hasAttribute("role")) {
          cell.setAttribute("role", inHead ? "columnheader" : cell.tagName === "TH" ? "rowheader" : "cell");
        }
        if (!inHead) {
          if (!cell.hasAttribute("data-label") && names[index] && (cell.colSpan || 1) === 1) {
            cell.setAttribute("data-label", names[index]);
          }
          if (!cell.textContent.trim() && !cell.querySelector("input, select, textarea, button, img, svg")) {
            cell.classList.add("cell-empty");
          }
        }
        index += cell.colSpan || 1;
      });
    });
    table.classList.add("table-stacked");
  }

  function hintFor(wrapper, text) {
    var hint = wrapper.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) {
      return hint;
    }
    hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.hidden = true;
    hint.textContent = text;
    wrapper.parentNode.insertBefore(hint, wrapper);
    return hint;
  }

  function update(wrappers, text) {
    each(wrappers, function (wrapper) {
      var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
      var hint = hintFor(wrapper, text);
      hint.hidden = !overflows;
      wrapper.classList.toggle("is-overflowing", overflows);
      if (overflows) {
        // A region that scrolls must be reachable by keyboard (WCAG 2.1.1) and say what it holds.
        wrapper.setAttribute("tabindex", "0");
        if (!wrapper.hasAttribute("aria-label")) {
          var caption = wrapper.querySelector("caption");
          var svgTitle = wrapper.querySelector("svg > title");
          var name = (caption || svgTitle || {}).textContent;
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-label", (name || text).trim());
        }
      } else if (wrapper.getAttribute("tabindex") === "0") {
        wrapper.removeAttribute("tabindex");
      }
    });
  }

  function init() {
    each(document.querySelectorAll("table[data-stack]"), stack);
    var text = document.body.getAttribute("data-scroll-hint") || "→";
    var wrappers = document.querySelectorAll(".table-responsive, .chart-scroll");
    update(wrappers, text);
    // Before the next paint, so the hint is right in the first frame at the new width.
    if (typeof ResizeObserver !== "undefined") {
      var observer = new ResizeObserver(function () {
        update(wrappers, text);
      });
      each(wrappers, function (wrapper) {
        observer.observe(wrapper);
      });
    } else {
      window.addEventListener("resize", function () {
        update(wrappers, text);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
