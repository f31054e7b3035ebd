/* The personal link page: a "copy" button for the read-only link field. Without this file
 * the field can be selected and copied by hand; with it the button appears, copies the link
 * and says "Kopiert" (also to screen readers, through the status line).
 *
 * Markup (templates/respondent/saved.html):
 *   <input id="resume-link-field" readonly value="…">
 *   <button class="copy-button" data-copy-target="resume-link-field" data-copied-label="Kopiert" hidden>
 *   <p class="copy-status" role="status"></p>
 */
(function () {
  "use strict";

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select(); // older browsers and plain http: the selection API
    var done = document.execCommand && document.execCommand("copy");
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function setup(button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) {
      return;
    }
    var status = button.parentNode.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(field).then(function () {
        button.textContent = button.getAttribute("data-copied-label");
        if (status) {
          status.textContent = button.getAttribute("data-copied-label");
        }
      }, function () {
        field.focus();
        field.select(); // copying was refused: the link is selected for Ctrl+C
      });
    });
  }

  function init() {
    var buttons = document.querySelectorAll(".copy-button[data-copy-target]");
    for (var i = 0; i < buttons.length; i += 1) {
      setup(buttons[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
