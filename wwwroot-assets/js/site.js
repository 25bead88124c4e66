// Progressive enhancement only (U1): every page works without this file.
(function () {
  "use strict";

  // Focus the first field the server marked invalid, so keyboard and screen-reader users land on it (U2).
  var firstInvalid = document.querySelector(".input-validation-error, [aria-invalid='true']");
  if (firstInvalid) {
    firstInvalid.setAttribute("aria-invalid", "true");
    firstInvalid.focus();
  }

  // A show/hide toggle for new-password fields.
  document.querySelectorAll("input[autocomplete='new-password']").forEach(function (input, index) {
    if (index > 0) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button toggle-password";
    button.textContent = "Show password";
    button.setAttribute("aria-controls", input.id);
    button.addEventListener("click", function () {
      var show = input.type === "password";
      document.querySelectorAll("input[autocomplete='new-password']").forEach(function (field) {
        field.type = show ? "text" : "password";
      });
      button.textContent = show ? "Hide password" : "Show password";
    });
    input.insertAdjacentElement("afterend", button);
  });
})();
