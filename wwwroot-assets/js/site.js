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

  // A length hint while typing a new password. The server decides (S10): this only counts, in
  // characters as the server does (code points, so an emoji is one), and speaks when the
  // minimum is reached or lost, not at every keystroke.
  var minimum = 12;
  var newPassword = document.querySelector("input[autocomplete='new-password']");
  if (newPassword) {
    var hint = document.createElement("p");
    hint.className = "hint password-length";
    hint.id = "password-length";
    var count = document.createElement("span");
    count.setAttribute("aria-hidden", "true");
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    hint.append(count, status);
    var wasLongEnough = null;
    var update = function () {
      var length = Array.from(newPassword.value).length;
      var longEnough = length >= minimum;
      count.textContent = longEnough
        ? length + " characters: long enough. Common passwords are still refused."
        : length + " of at least " + minimum + " characters";
      if (wasLongEnough !== null && longEnough !== wasLongEnough) {
        status.textContent = longEnough ? "Long enough." : "Fewer than " + minimum + " characters.";
      }
      wasLongEnough = longEnough;
    };
    newPassword.addEventListener("input", update);
    update();
    (newPassword.parentElement.querySelector(".toggle-password") || newPassword).insertAdjacentElement("afterend", hint);
  }
})();
