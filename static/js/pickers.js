/* Searchable pickers: every <select data-picker> becomes a Tom Select (static/vendor/tom-select/). Without
   JavaScript the plain select still works. A picker with data-picker-within="<id>" offers only the people chosen
   in that other select (the chair, the secretary and the absent members among the council's members). */
(function () {
  "use strict";

  function optionsOf(select) {
    return Array.prototype.map.call(select.options, function (option) {
      return { value: option.value, text: option.text };
    });
  }

  function restrict(picker, all, chosen) {
    var keep = all.filter(function (option) {
      return option.value !== "" && chosen.indexOf(option.value) !== -1;
    });
    picker.items.slice().forEach(function (value) {
      if (chosen.indexOf(value) === -1) {
        picker.removeItem(value, true);
      }
    });
    picker.clearOptions();
    picker.addOptions(keep);
    if (picker.isFocused) {
      picker.refreshOptions(false);
    }
  }

  function init() {
    if (typeof TomSelect === "undefined") {
      return;
    }
    var pickers = {};
    document.querySelectorAll("select[data-picker]").forEach(function (select) {
      var all = optionsOf(select);
      var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
      var picker = new TomSelect(select, {
        plugins: select.multiple ? ["remove_button"] : ["clear_button"],
        maxOptions: null,
        allowEmptyOption: false,
        hidePlaceholder: true,
        closeAfterSelect: true,
        create: false,
      });
      // Tom Select points the label at its own input; the original select, kept for the form, keeps its name.
      if (label && !select.hasAttribute("aria-label")) {
        select.setAttribute("aria-label", label.textContent.trim());
      }
      pickers[select.id] = { picker: picker, all: all, select: select };
    });
    Object.keys(pickers).forEach(function (id) {
      var entry = pickers[id];
      var source = pickers[entry.select.dataset.pickerWithin];
      if (!source) {
        return;
      }
      var last = null;
      var update = function () {
        var chosen = source.picker.items.slice();
        if (chosen.join(",") === last) {
          return;
        }
        last = chosen.join(",");
        restrict(entry.picker, entry.all, chosen);
      };
      source.picker.on("change", update);
      update();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
