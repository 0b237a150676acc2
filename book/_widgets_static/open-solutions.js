// Instructor edition only: open every solution dropdown once the page has set them up.
window.addEventListener("load", function () {
  document.querySelectorAll(".solution.dropdown .toggle-button").forEach(function (button) {
    if (button.getAttribute("aria-expanded") !== "true") { button.click(); }
  });
});
