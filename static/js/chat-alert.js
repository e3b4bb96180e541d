/* New-chat alert for the staff console: a short tone generated with WebAudio (no sound file), a visible
   banner and a "(1)" in the tab title, and a desktop notification only if the counselor allowed it.
   Browsers let a page play sound or ask for notifications only after a click, so both are switched on
   by the "Turn on alerts" button. Exposes window.ChatAlert.newChat(reference). */
(function () {
  "use strict";
  var panel = document.querySelector("[data-chat-alerts]");
  var banner = document.querySelector("[data-new-chat-banner]");
  var audio = null;
  var unseen = 0;
  var baseTitle = document.title;

  function tone() {
    if (!audio) return;
    var now = audio.currentTime;
    [0, 0.25].forEach(function (offset, index) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = index ? 880 : 660;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.2);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now + offset);
      oscillator.stop(now + offset + 0.22);
    });
  }

  function describe() {
    if (!panel) return;
    var state = panel.querySelector("[data-alert-state]");
    var permission = "Notification" in window ? Notification.permission : "unsupported";
    var parts = [audio ? "Sound is on." : "Sound is off until you turn alerts on."];
    if (permission === "granted") parts.push("Desktop notifications are on.");
    else if (permission === "denied") parts.push("Desktop notifications are blocked in this browser's settings.");
    else if (permission === "unsupported") parts.push("This browser shows no desktop notifications.");
    state.textContent = parts.join(" ");
  }

  function turnOn() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) audio = new Context();
    if (audio && audio.state === "suspended") audio.resume();
    if ("Notification" in window && Notification.permission === "default") {
      Notification.requestPermission().then(describe, describe); /* asked only here, on the click */
    }
    describe();
  }

  function newChat(reference) {
    unseen += 1;
    document.title = "(" + unseen + ") " + baseTitle;
    if (banner) {
      banner.textContent = "New chat waiting: " + reference + ".";
      banner.hidden = false;
    }
    tone();
    if ("Notification" in window && Notification.permission === "granted" && document.hidden) {
      new Notification("New live chat waiting", { body: reference, tag: "chat-" + reference });
    }
  }

  function seen() {
    unseen = 0;
    document.title = baseTitle;
  }

  if (panel) {
    panel.hidden = false;
    panel.querySelector("[data-alert-on]").addEventListener("click", turnOn);
    describe();
  }
  document.addEventListener("visibilitychange", function () { if (!document.hidden) seen(); });
  document.addEventListener("pointerdown", seen);
  window.ChatAlert = { newChat: newChat, seen: seen, soundOn: function () { return audio !== null; } };
})();
