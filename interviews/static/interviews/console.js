/* The live console (interviews/admin/console.html) without reloads: a new entry without a picture and the
   撤回 buttons post in the background, and the entry list is replaced by the one of the console page the
   server answers with; the list also refreshes every few seconds, so two hosts see each other's entries.
   A refused entry (400) is posted again the ordinary way, which shows the errors. Without JavaScript every
   form posts and redirects as usual. */
(function () {
  "use strict";

  var REFRESH_MS = 10000;
  var root = document.querySelector("[data-interview-console]");
  if (!root || !window.fetch || !window.DOMParser) {
    return;
  }

  function replaceEntries(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-console-entries]");
    var current = root.querySelector("[data-console-entries]");
    if (fresh && current) {
      current.replaceWith(fresh);
    }
  }

  function refresh() {
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) { replaceEntries(html); } })
      .catch(function () { /* the next refresh tries again */ });
  }

  function postInBackground(form) {
    return fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-console-form");
    var image = form.querySelector("[name='entry-image']");
    if (!kind || (kind === "add" && image && image.value)) {
      return; // the ordinary post: a picture's chooser is reset by the page the server answers with
    }
    event.preventDefault();
    postInBackground(form)
      .then(function (response) {
        if (!response.ok) {
          form.submit(); // show the server's errors the ordinary way (nothing was saved)
          return null;
        }
        if (kind === "add") {
          form.querySelector("[name='entry-text']").value = "";
        }
        return response.text();
      })
      .then(function (html) { if (html) { replaceEntries(html); } })
      .catch(function () { form.submit(); });
  });

  window.setInterval(function () {
    if (!document.hidden) {
      refresh();
    }
  }, REFRESH_MS);
})();
