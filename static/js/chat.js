/* Live chat for visitors: WebSocket first, plain HTTP (send + polling) when the socket cannot open or drops.
   Typed text stays in the box until the server confirms it was stored, so nothing is lost.
   Needs live-socket.js (window.LiveSocket), loaded before this file. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-root]");
  if (!root) return;
  if (root.dataset.closed === "true") {
    /* An ended chat: no socket, but its times are still shown in the reader's own zone, as live. */
    var endedList = root.querySelector("[data-chat-log] ol");
    if (endedList) LiveSocket.localiseTimes(endedList, "numeric");
    return;
  }

  var list = root.querySelector("[data-chat-log] ol");
  var log = root.querySelector("[data-chat-log]");
  var form = root.querySelector("[data-chat-form]");
  var connection = root.querySelector("[data-chat-connection]");
  var waiting = root.querySelector("[data-chat-waiting]");
  var refresh = root.querySelector("[data-chat-refresh]");
  var live = null;
  var outbox = null;
  var ended = false;

  if (refresh) refresh.hidden = true;
  if (list) LiveSocket.localiseTimes(list, "numeric");

  function who(message) {
    return message.sender === "visitor" ? "You" : message.sender === "staff" ? "Admissions counselor" : "Notice";
  }

  function append(message) {
    if (!LiveSocket.appendMessage(list, log, message, { prefix: "chat", who: who, hour: "numeric" })) return;
    if (message.sender === "system" && waiting && /joined/.test(message.text)) {
      waiting.textContent = "An admissions counselor is with you.";
    }
  }

  function setConnection(text) {
    connection.textContent = text || "";
    connection.hidden = !text;
  }

  function markEnded() {
    if (ended) return;
    ended = true;
    if (live) live.stop();
    if (form) form.hidden = true;
    if (waiting) waiting.hidden = true; /* "a counselor is with you" is no longer true */
    var endForm = root.querySelector("[data-chat-end]");
    if (endForm) endForm.hidden = true;
    setConnection("This chat has ended. You can forget it on this device, or start a new chat after reloading the page.");
  }

  var nobody = document.querySelector("[data-chat-nobody]");

  function showAvailability(data) {
    /* Nobody left to answer a waiting chat: the phone, callback and crisis options appear in place;
       the message box (and whatever is typed in it) stays as it is. */
    if (!nobody || !data.chat_status || data.status !== "waiting") return;
    var alone = data.chat_status !== "open";
    if (alone && nobody.hidden && waiting) {
      waiting.textContent = "Nobody is free to answer right now. You can still write, call us, or ask for a callback below.";
    }
    nobody.hidden = !alone;
  }

  function poll() {
    LiveSocket.fetchNewer(root.dataset.pollUrl, list)
      .then(function (data) {
        (data.messages || []).forEach(append);
        if (data.status === "closed" || data.status === "gone") markEnded();
        showAvailability(data);
      })
      .catch(function () { /* offline for a moment; the next poll tries again */ });
  }

  outbox = LiveSocket.composer(root, {
    idPrefix: "c",
    texts: {
      empty: "Type a message before sending.",
      failed: "Your message could not be sent. It is still in the box; check your connection and press Send again.",
      dropped: "The connection dropped; your last message may not have been sent. It is still in the box: press Send to try again.",
    },
    sendLive: function (text, clientId) {
      return live !== null && live.send({ type: "message", text: text, client_id: clientId });
    },
    body: function (text) {
      var body = new FormData();
      body.append("message", text);
      return body;
    },
    onSent: append,
  });

  log.scrollTop = log.scrollHeight;
  /* Staff presence is not pushed over the socket: check it every few seconds while the chat waits. */
  window.setInterval(function () { if (!ended) poll(); }, 5000);
  live = LiveSocket.connect({
    path: root.dataset.wsPath,
    poll: poll,
    pollEvery: 4000,
    onOpen: function () { setConnection(""); },
    onMessage: function (data) {
      if (data.type === "message") append(data.message);
      else if (data.type === "status" && data.status === "closed") markEnded();
      else if (outbox) outbox.handle(data);
    },
    onClose: function (event) {
      if (event.code === 4404) { poll(); return true; } /* the chat was closed or forgotten */
      if (outbox) outbox.dropped();
      return false;
    },
    onFallback: function (reason) {
      setConnection(reason + " Messages are now sent over a plain connection and checked every few seconds.");
    },
  });
})();
