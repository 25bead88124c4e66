// Progressive enhancement only (U1): every page works without this file.
(function () {
  "use strict";

  // A status message can be put away once read; without this script it simply stays.
  document.querySelectorAll("[data-dismissible]").forEach(function (message) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button dismiss";
    button.textContent = "Dismiss";
    button.setAttribute("aria-label", "Dismiss this message");
    button.addEventListener("click", function () {
      message.remove();
      document.getElementById("main").focus(); // not lost on the removed button
    });
    message.append(button);
  });

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
    input.parentElement.append(button); // after the field's error and hint, which sit right under it
  });

  // A count while typing a new password. The server decides (S10) and the page states the rule
  // once; this only counts, in code points as the server does, and speaks only when the count
  // moves between too short, long enough and too long, not at every keystroke.
  var minimum = 12;
  var maximum = 128;
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
    var said = null;
    var update = function () {
      var length = Array.from(newPassword.value).length;
      var state = length < minimum ? "short" : length > maximum ? "long" : "fine";
      count.textContent = {
        short: length + (length === 1 ? " character" : " characters"),
        fine: length + " characters: long enough",
        long: length + " characters: too long"
      }[state];
      if (said !== null && state !== said) {
        status.textContent = {
          short: "Too short.",
          fine: "Long enough.",
          long: "Too long."
        }[state];
      }
      said = state;
    };
    newPassword.addEventListener("input", update);
    newPassword.addEventListener("change", update); // autofill does not always send "input"
    update();
    newPassword.parentElement.append(hint);
  }
})();
