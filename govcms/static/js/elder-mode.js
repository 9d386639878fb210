/* 长者模式 (elder mode) and the printed page details (docs/accessibility.md).
   Loaded synchronously from <head>, so the mode applies before first paint. The choice lives in the
   govcms_elder cookie, which the server also reads for visitors without JavaScript (govcms.views.elder_mode). */
(function () {
  "use strict";

  var COOKIE = "govcms_elder";
  var MODE_CLASS = "elder-mode";
  var ONE_YEAR = 365 * 24 * 60 * 60;
  var root = document.documentElement;

  function isOn() {
    return document.cookie.split(/;\s*/).indexOf(COOKIE + "=1") !== -1;
  }

  function save(on) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    var value = on ? "1; Max-Age=" + ONE_YEAR : "; Max-Age=0";
    document.cookie = COOKIE + "=" + value + "; Path=/; SameSite=Lax" + secure;
  }

  // The cookie wins over the server-rendered class: a cache may have served the page rendered for the other mode.
  root.classList.toggle(MODE_CLASS, isOn());

  // The no-JavaScript link gives way to a toggle button that switches in place, keeping focus where it is.
  function enhanceSwitch() {
    var box = document.querySelector("[data-elder-switch]");
    if (!box) {
      return;
    }
    var button = box.querySelector("button");
    var link = box.querySelector("a");
    button.setAttribute("aria-pressed", String(isOn()));
    button.hidden = false;
    if (link) {
      link.remove();
    }
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      save(on);
      root.classList.toggle(MODE_CLASS, on);
      button.setAttribute("aria-pressed", String(on));
    });
  }

  function twoDigits(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // The print header's URL is the canonical one (pages override it, e.g. a filtered catalogue); its date is
  // today's, which neither the server (cached pages) nor CSS can know.
  function fillPrintInfo() {
    var info = document.querySelector("[data-print-info]");
    if (!info) {
      return;
    }
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical) {
      info.querySelector(".print-info__url").setAttribute("data-url", canonical.href);
    }
    var today = new Date();
    var date = today.getFullYear() + "-" + twoDigits(today.getMonth() + 1) + "-" + twoDigits(today.getDate());
    // Written as the server writes dates in the page's language (govcms/formats): 2026-12-04 in Chinese,
    // 4 December 2026 in English (British order, not the browser's default for "en").
    var language = document.documentElement.lang;
    if (language.indexOf("zh") !== 0) {
      var locale = language === "en" ? "en-GB" : language;
      date = today.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
    }
    info.querySelector(".print-info__date").setAttribute("data-date", date);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceSwitch();
    fillPrintInfo();
  });
  window.addEventListener("beforeprint", fillPrintInfo);
})();
