// On the course site a widget is a saved picture of the tool, not the tool: there is no kernel
// behind it. Say so above every widget, and switch its controls off so that they do not
// pretend to work. The note's text comes from the page (the edition's language).
(function () {
  "use strict";
  function markOutputs() {
    var note = document.getElementById("st-snapshot-text");
    var text = note ? note.textContent : "";
    document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]'
    ).forEach(function (script) {
      var output = script.closest(".cell_output") || script.parentElement;
      if (!output || output.querySelector(".st-snapshot")) { return; }
      var p = document.createElement("p");
      p.className = "st-snapshot";
      p.setAttribute("role", "note");
      p.textContent = text;
      output.insertBefore(p, output.firstChild);
      output.classList.add("st-snapshot-output");
    });
  }

  function switchOff(root) {
    root.querySelectorAll(".st-snapshot-output input, .st-snapshot-output select, " +
      ".st-snapshot-output textarea, .st-snapshot-output button").forEach(function (control) {
      if (!control.disabled) {
        control.disabled = true;
        control.setAttribute("aria-disabled", "true");
      }
    });
    root.querySelectorAll(".st-snapshot-output .slider-container, " +
      ".st-snapshot-output .noUi-target").forEach(function (slider) {
      slider.setAttribute("aria-disabled", "true");
      slider.classList.add("st-snapshot-off");
    });
  }

  function start() {
    markOutputs();
    switchOff(document);
    new MutationObserver(function () { switchOff(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
