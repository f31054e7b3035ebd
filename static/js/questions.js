/* Questionnaire pages: conditional questions appear and disappear at once, and a
 * "none of these" checkbox clears the others. The pages work without this file: then every
 * conditional question is shown with its condition, and the server ignores it when the
 * condition is false.
 *
 * Markup (templates/macros/questions.html):
 *   <div class="question" data-show-if="q_controller" data-show-values='["ja"]'>…</div>
 *   <input type="checkbox" data-exclusive="true" …>
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function byName(form, name) {
    var found = [];
    for (var i = 0; i < form.elements.length; i += 1) {
      if (form.elements[i].name === name) {
        found.push(form.elements[i]);
      }
    }
    return found;
  }

  function chosenValues(form, name) {
    var values = [];
    var controls = byName(form, name);
    for (var i = 0; i < controls.length; i += 1) {
      var control = controls[i];
      if (control.disabled) {
        continue; // a hidden question counts as unanswered
      }
      if ((control.type === "radio" || control.type === "checkbox") && !control.checked) {
        continue;
      }
      if (control.value !== "") {
        values.push(control.value);
      }
    }
    return values;
  }

  function setShown(wrapper, shown) {
    wrapper.hidden = !shown;
    var controls = wrapper.querySelectorAll("input, select, textarea");
    for (var i = 0; i < controls.length; i += 1) {
      controls[i].disabled = !shown; // disabled controls are not sent
    }
  }

  function update(form) {
    // Document order: a condition only refers to earlier questions, so one pass settles chains.
    var wrappers = form.querySelectorAll("[data-show-if]");
    for (var i = 0; i < wrappers.length; i += 1) {
      var wrapper = wrappers[i];
      var wanted = JSON.parse(wrapper.getAttribute("data-show-values"));
      var chosen = chosenValues(form, wrapper.getAttribute("data-show-if"));
      setShown(wrapper, chosen.some(function (value) { return wanted.indexOf(value) >= 0; }));
    }
  }

  function clearOthers(box) {
    var group = byName(box.form, box.name);
    for (var i = 0; i < group.length; i += 1) {
      var other = group[i];
      var otherExclusive = other.getAttribute("data-exclusive") === "true";
      if (other !== box && (box.getAttribute("data-exclusive") === "true" || otherExclusive)) {
        other.checked = false;
      }
    }
  }

  function init() {
    var forms = document.querySelectorAll("form.questions");
    for (var i = 0; i < forms.length; i += 1) {
      var form = forms[i];
      form.addEventListener("change", function (event) {
        var target = event.target;
        if (target.type === "checkbox" && target.checked) {
          clearOthers(target);
        }
        update(event.currentTarget);
      });
      update(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
