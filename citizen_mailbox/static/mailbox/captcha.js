/* The public forms' captcha (mailbox/widgets/captcha.html): 看不清，换一张 fetches a new captcha from
 * data-refresh-url without leaving the page. Without this script the button submits the form, which comes
 * back with what was typed and a new captcha; with it the button is a plain button, so Enter in a field
 * submits the form through its own submit button. */
(function () {
  "use strict";

  // The messages come translated from the template; the button is not disabled while waiting, which would
  // take the keyboard focus away from it.
  function refresh(captcha, button) {
    var status = captcha.querySelector(".captcha__status");
    if (captcha.getAttribute("aria-busy") === "true") {
      return;
    }
    captcha.setAttribute("aria-busy", "true");
    fetch(captcha.getAttribute("data-refresh-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var image = captcha.querySelector(".captcha__image");
        var answer = captcha.querySelector("input[name$='captcha_1']");
        captcha.querySelector("input[name$='captcha_0']").value = data.key;
        image.src = data.image_url;
        image.srcset = data.image_2x_url + " 2x";
        captcha.querySelector(".captcha__question").textContent = data.question;
        answer.value = "";
        status.textContent = captcha.getAttribute("data-refreshed-text") + data.question;
      })
      .catch(function () {
        status.textContent = captcha.getAttribute("data-failed-text");
      })
      .then(function () {
        captcha.removeAttribute("aria-busy");
      });
  }

  function enhance(captcha) {
    var button = captcha.querySelector(".captcha__refresh");
    if (!button || !window.fetch) {
      return;
    }
    button.type = "button";
    button.addEventListener("click", function () {
      refresh(captcha, button);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-captcha]"), enhance);
  });
})();
