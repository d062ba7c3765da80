// The documents page while a document is being made (templates/reports/plan_reports.html): every few seconds it
// reads the page again and puts the new job table in place; once no job is running the "Đang tạo văn bản…" banner
// goes and the polling stops. (A <meta refresh> reloaded the whole page, form included, and fails WCAG 2.2.1.)
(function () {
  "use strict";
  var banner = document.getElementById("job-progress");
  if (!banner) return;
  var every = parseInt(banner.dataset.jobPoll, 10) || 5000;
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var table = document.getElementById("job-table");
        var freshTable = fresh.getElementById("job-table");
        if (table && freshTable) table.replaceWith(freshTable);
        if (fresh.getElementById("job-progress")) {
          window.setTimeout(poll, every);
        } else {
          banner.remove();
        }
      })
      .catch(function () { window.setTimeout(poll, every * 2); });
  }
  window.setTimeout(poll, every);
})();
