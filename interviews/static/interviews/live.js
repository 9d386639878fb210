/* The live interview page (interviews/interview_page.html): polls the live endpoint (interviews.live) every
   few seconds with ?since=<last id> and the last ETag, so an unchanged answer is a bodiless 304; inserts the
   new entries, applies edits, removes retracted entries, updates the state and the pinned announcement, and
   reads new entries out through a polite live region. Without JavaScript the server renders every entry and
   a reload shows what is new. Entry text is always inserted as text, never as HTML. When the state changes the
   page reloads once: the server lays it out by state (the transcript first while live; after the end the frozen
   transcript, without the order switch or 我要提问). */
(function () {
  "use strict";

  var POLL_MS = 5000;
  var MAX_BACKOFF_MS = 60000;
  var ANNOUNCE_CHARS = 200;

  var root = document.querySelector("[data-interview]");
  if (!root || !root.getAttribute("data-live-url") || !window.fetch) {
    return;
  }
  var list = root.querySelector("[data-live-entries]");
  var status = root.querySelector("[data-live-status]");
  var lastId = parseInt(root.getAttribute("data-last-id"), 10) || 0;
  var renderedState = root.getAttribute("data-state");
  var etag = null;
  var delay = POLL_MS;
  var timer = null;
  var busy = false; // one poll at a time (coming back to the tab polls at once)

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // Django's |linebreaks: blank lines part paragraphs, single newlines become <br>.
  function paragraphs(text) {
    var box = element("div", "transcript-entry__text");
    text.replace(/\r\n?/g, "\n").split(/\n{2,}/).forEach(function (part) {
      var paragraph = element("p");
      part.split("\n").forEach(function (line, index) {
        if (index) {
          paragraph.appendChild(document.createElement("br"));
        }
        paragraph.appendChild(document.createTextNode(line));
      });
      box.appendChild(paragraph);
    });
    return box;
  }

  // The markup of interviews/includes/transcript_entry_item.html.
  function entryNode(entry) {
    var item = element("li", "transcript-entry transcript-entry--" + entry.speaker);
    item.id = entry.anchor;
    item.setAttribute("data-entry-id", entry.id);
    item.setAttribute("data-time", entry.iso);
    var meta = element("p", "transcript-entry__meta");
    var time = element("time", "transcript-entry__time", entry.time);
    time.setAttribute("datetime", entry.iso);
    meta.append(
      element("span", "transcript-entry__speaker", entry.speaker_label), " ",
      element("strong", "transcript-entry__name", entry.speaker_name), " ", time
    );
    item.appendChild(meta);
    // A 网友 entry that only reads the question out is the question: quoted once, as its text.
    if (entry.question && entry.question.text !== entry.text) {
      var quote = element("blockquote", "transcript-entry__question");
      var asked = element("p");
      asked.append(
        element("span", "transcript-entry__asker", entry.question.nickname),
        " " + list.getAttribute("data-asked-label") + entry.question.text
      );
      quote.appendChild(asked);
      item.appendChild(quote);
    }
    item.appendChild(paragraphs(entry.text));
    if (entry.image) {
      var figure = element("figure", "transcript-entry__image");
      var image = element("img");
      image.src = entry.image.url;
      image.width = entry.image.width;
      image.height = entry.image.height;
      image.alt = entry.image.alt;
      image.loading = "lazy";
      figure.appendChild(image);
      item.appendChild(figure);
    }
    return item;
  }

  function byId(id) {
    return list.querySelector('[data-entry-id="' + id + '"]');
  }

  // Spoken earlier, or at the same moment but entered earlier: the order the server renders.
  function before(a, b) {
    var timeA = Date.parse(a.getAttribute("data-time"));
    var timeB = Date.parse(b.getAttribute("data-time"));
    if (timeA !== timeB) {
      return timeA < timeB;
    }
    return parseInt(a.getAttribute("data-entry-id"), 10) < parseInt(b.getAttribute("data-entry-id"), 10);
  }

  function place(node) {
    var ascending = list.getAttribute("data-order") === "asc";
    var items = list.children;
    for (var index = 0; index < items.length; index++) {
      if (before(node, items[index]) === ascending) {
        list.insertBefore(node, items[index]);
        return;
      }
    }
    list.appendChild(node);
  }

  function announce(messages) {
    if (messages.length) {
      status.textContent = messages.join("\n");
    }
  }

  function spoken(entry) {
    var text = entry.text.length > ANNOUNCE_CHARS ? entry.text.slice(0, ANNOUNCE_CHARS) + "…" : entry.text;
    return entry.speaker_label + " " + entry.speaker_name + status.getAttribute("data-colon") + text;
  }

  function applyEntries(answer) {
    var messages = [];
    answer.entries.concat(answer.edited).forEach(function (entry) {
      var existing = byId(entry.id);
      var node = entryNode(entry);
      if (existing) {
        existing.replaceWith(node);
      } else {
        place(node);
        messages.push(spoken(entry));
      }
    });
    answer.retracted.forEach(function (id) {
      var existing = byId(id);
      if (existing) {
        existing.remove();
      }
    });
    root.querySelector("[data-live-empty]").hidden = list.children.length > 0;
    return messages;
  }

  function applyState(answer) {
    var badge = root.querySelector("[data-live-state]");
    var messages = [];
    if (root.getAttribute("data-state") !== answer.state) {
      badge.className = "interview__state interview__state--" + answer.state;
      messages.push(answer.state_label);
    }
    root.setAttribute("data-state", answer.state);
    badge.textContent = answer.state_label;
    root.querySelector("[data-live-transcript]").hidden = answer.state === "upcoming";
    var announcement = root.querySelector("[data-live-announcement]");
    announcement.querySelector("[data-live-announcement-text]").textContent = answer.announcement;
    announcement.hidden = !answer.announcement;
    return messages;
  }

  // Once per page and state (remembered for the tab): should the page itself come from a cache that lags behind
  // the live endpoint, the reloaded page updates in place instead of reloading again and again.
  function reloadOnce(state) {
    var key = "interview-reloaded:" + location.pathname + ":" + state;
    try {
      if (sessionStorage.getItem(key)) {
        return false;
      }
      sessionStorage.setItem(key, "1");
    } catch (error) {
      return false; // no storage (some private modes): update in place
    }
    location.reload();
    return true;
  }

  function apply(answer) {
    if (answer.state !== renderedState && reloadOnce(answer.state)) {
      return false;
    }
    var messages = applyState(answer).concat(applyEntries(answer));
    lastId = Math.max(lastId, answer.last_id);
    announce(messages);
    return answer.state !== "ended";
  }

  function schedule() {
    clearTimeout(timer);
    timer = document.hidden ? null : setTimeout(poll, delay);
  }

  function poll() {
    if (busy) {
      return;
    }
    busy = true;
    var headers = etag ? { "If-None-Match": etag } : {};
    var url = root.getAttribute("data-live-url") + "?since=" + lastId;
    fetch(url, { cache: "no-store", headers: headers, credentials: "omit" })
      .then(function (response) {
        if (response.status === 304) {
          return true;
        }
        if (response.status === 404) {
          return false; // unpublished or protected since: a reload tells the reader what happened
        }
        if (!response.ok) {
          throw new Error(response.status);
        }
        // The ETag answers this URL only; the next poll asks with a new `since` and gets a new one anyway.
        etag = response.headers.get("ETag");
        return response.json().then(apply);
      })
      .then(function (goOn) {
        busy = false;
        delay = POLL_MS;
        if (goOn) {
          schedule();
        }
      })
      .catch(function () {
        busy = false;
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        schedule();
      });
  }

  // Newest first or oldest first, in place; the link keeps working for a reload or a new tab.
  function enhanceOrderToggle() {
    var toggle = root.querySelector("[data-order-toggle]");
    if (!toggle) {
      return;
    }
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var ascending = list.getAttribute("data-order") !== "asc";
      list.setAttribute("data-order", ascending ? "asc" : "desc");
      Array.prototype.slice.call(list.children).reverse().forEach(function (item) {
        list.appendChild(item);
      });
      toggle.textContent = toggle.getAttribute(ascending ? "data-label-desc" : "data-label-asc");
      toggle.setAttribute("href", ascending ? "?" : "?order=asc");
      history.replaceState(null, "", ascending ? "?order=asc" : location.pathname);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && root.getAttribute("data-state") !== "ended") {
      poll(); // catch up at once on coming back to the tab
    }
  });

  enhanceOrderToggle();
  schedule();
})();
