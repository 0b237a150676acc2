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

  // ipywidgets hides a control's <label> when it has no description; a hidden explicit label
  // leaves the control without a name. The control's own tooltip (its title) names it then.
  function nameControls(root) {
    root.querySelectorAll(".st-snapshot-output label").forEach(function (label) {
      var id = label.getAttribute("for");
      if (!id || getComputedStyle(label).display !== "none") { return; }
      var control = document.getElementById(id);
      // The tooltip sits on the control, or (date pickers) on the hidden label itself.
      var name = control && (control.getAttribute("title") || label.getAttribute("title"));
      if (name) {
        label.removeAttribute("for");
        control.setAttribute("aria-label", name);
      }
    });
    // A slider's handle is named after the slider's description (or its tooltip).
    root.querySelectorAll(".st-snapshot-output .widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var name = (label && label.textContent.trim()) || slider.getAttribute("title") || "";
      if (!name) { return; }
      slider.querySelectorAll('[role="slider"]').forEach(function (handle) {
        if (!handle.getAttribute("aria-label")) { handle.setAttribute("aria-label", name); }
      });
    });
    // A box that scrolls must be reachable from the keyboard.
    root.querySelectorAll(".st-snapshot-output .widget-box, .st-snapshot-output .widget-html-content")
      .forEach(function (box) {
        if ((box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) &&
            !box.hasAttribute("tabindex")) {
          var style = getComputedStyle(box);
          if (/(auto|scroll)/.test(style.overflow + style.overflowX + style.overflowY)) {
            box.setAttribute("tabindex", "0");
          }
        }
      });
  }

  function start() {
    markOutputs();
    switchOff(document);
    nameControls(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      setTimeout(function () {
        pending = false;
        switchOff(document);
        nameControls(document);
      }, 200);
    })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
