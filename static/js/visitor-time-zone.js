// Sends the visitor's time zone with an intake form, so "call me in the evening" means *their* evening.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return; // an old browser: the server uses the site's time zone
  }
  document.querySelectorAll("input[name='time_zone']").forEach(function (input) {
    input.value = zone;
  });
})();
