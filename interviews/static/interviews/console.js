/* The live console (interviews/admin/console.html) without reloads: a new entry without a picture and the
   撤回 buttons post in the background, and the entry list is replaced by the one of the console page the
   server answers with; the list also refreshes every few seconds, so two hosts see each other's entries,
   and so does the speaker list (questions adopted or answered meanwhile, e.g. in another tab).
   A refused entry (400) is posted again the ordinary way, which shows the errors. 撤回 asks in a dialog
   before posting; without JavaScript it opens the confirmation page, and every form posts and redirects. */
(function () {
  "use strict";

  var REFRESH_MS = 10000;
  var SPEAKER = "select[name='entry-speaker']";
  var root = document.querySelector("[data-interview-console]");
  if (!root || !window.fetch || !window.DOMParser) {
    return;
  }

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  function replaceEntries(page) {
    var fresh = page.querySelector("[data-console-entries]");
    var current = root.querySelector("[data-console-entries]");
    if (fresh && current) {
      current.replaceWith(fresh);
    }
  }

  /* The speaker options as the server offers them now. With keepChoice (the periodic refresh) the host's
     choice stays; a choice gone meanwhile is left for the server to refuse with a clear message, rather
     than the entry silently going out under another speaker. Without it, the server's default is chosen. */
  function refreshSpeakers(page, keepChoice) {
    var fresh = page.querySelector(SPEAKER);
    var current = root.querySelector(SPEAKER);
    if (!fresh || !current) {
      return;
    }
    var chosen = current.value;
    var stillOffered = Array.prototype.some.call(fresh.options, function (option) { return option.value === chosen; });
    if (keepChoice && !stillOffered) {
      return;
    }
    if (current.innerHTML !== fresh.innerHTML) {
      current.innerHTML = fresh.innerHTML;
    }
    current.value = keepChoice ? chosen : fresh.value;
  }

  /* After a background post the form starts afresh: text, picture description and time emptied (a post with
     a picture goes the ordinary way, so the picture chooser is empty here), the speaker back to the default. */
  function clearEntryForm(form, page) {
    Array.prototype.forEach.call(form.querySelectorAll("textarea, input[type='text']"), function (field) {
      field.value = "";
    });
    refreshSpeakers(page, false);
  }

  function showChanges(html) {
    var page = parse(html);
    replaceEntries(page);
    refreshSpeakers(page, true);
  }

  function refresh() {
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) { showChanges(html); } })
      .catch(function () { /* the next refresh tries again */ });
  }

  function postInBackground(url, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response); });
  }

  function addEntry(form) {
    postInBackground(form.action, new FormData(form))
      .then(function (html) {
        var page = parse(html);
        replaceEntries(page);
        clearEntryForm(form, page);
      })
      .catch(function () { form.submit(); }); // show the server's errors the ordinary way (nothing was saved)
  }

  function retract(form) {
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      return;
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", root.querySelector("[name='csrfmiddlewaretoken']").value);
    postInBackground(form.action, body)
      .then(showChanges) // a question the entry quoted is offered again
      .catch(function () { form.submit(); }); // the confirmation page, or the console saying why not
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-console-form");
    var image = form.querySelector("[name='entry-image']");
    if (kind === "add" && !(image && image.value)) {
      event.preventDefault();
      addEntry(form);
    } else if (kind === "retract") {
      event.preventDefault();
      retract(form);
    } // else the ordinary post: a picture's chooser is reset by the page the server answers with
  });

  window.setInterval(function () {
    if (!document.hidden) {
      refresh();
    }
  }, REFRESH_MS);
})();
