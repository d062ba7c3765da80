// File inputs drawn by templates/includes/file_input.html: show the names of the chosen files beside the
// "Chọn tệp" button (the input itself is visually hidden but keeps the focus and the keyboard).
(function () {
  "use strict";
  function show(box) {
    var input = box.querySelector("input[type=file]");
    var chosen = box.querySelector(".file-input-chosen");
    if (!input || !chosen) return;
    var files = input.files || [];
    if (files.length === 0) {
      chosen.textContent = box.dataset.none;
    } else if (files.length === 1) {
      chosen.textContent = files[0].name;
    } else {
      var names = Array.prototype.map.call(files, function (file) { return file.name; }).join(", ");
      chosen.textContent = files.length + " " + box.dataset.many + ": " + names;
    }
  }
  document.querySelectorAll("[data-file-input]").forEach(function (box) {
    var input = box.querySelector("input[type=file]");
    if (!input) return;
    input.addEventListener("change", function () { show(box); });
    show(box);
  });
})();
