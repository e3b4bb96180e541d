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
  var form = root.querySelector("[data-chat-form]");
  var connection = root.querySelector("[data-chat-connection]");
  var waiting = root.querySelector("[data-chat-waiting]");
  var refresh = root.querySelector("[data-chat-refresh]");
  var ended = false;
  /* Every sentence below comes from the page, in its language (chat/views.py script_texts). */
  var texts = LiveSocket.texts;

  if (refresh) refresh.hidden = true;
  if (list) LiveSocket.localiseTimes(list, "numeric");

  function who(message) {
    return texts.who[message.sender] || texts.who.system;
  }

  function append(message) {
    LiveSocket.appendMessage(list, message, { prefix: "chat", who: who, hour: "numeric" });
  }

  function setConnection(text) {
    connection.textContent = text || "";
    connection.hidden = !text;
  }

  /* What the visitor is told about the chat, from the server's state: chat/status.py STATE_TEXTS, the
     wording chat/index.html renders on load. */
  var STATES = texts.states;
  var nobody = document.querySelector("[data-chat-nobody]");

  function markEnded() {
    if (ended) return;
    ended = true;
    if (live) live.stop();
    if (form) form.hidden = true;
    if (waiting) waiting.hidden = true; /* "a counselor is with you" is no longer true */
    if (nobody) nobody.hidden = true;
    var endForm = root.querySelector("[data-chat-end]");
    if (endForm) endForm.hidden = true;
    setConnection(texts.ended);
  }

  /* A state change: the line above the transcript changes, and with nobody to answer the phone, callback
     and crisis options appear in place; the message box (and whatever is typed in it) stays as it is. */
  function showState(state) {
    if (state === "ended") { markEnded(); return; }
    if (ended || !STATES[state] || root.dataset.state === state) return;
    root.dataset.state = state;
    if (waiting) waiting.textContent = STATES[state];
    if (nobody) nobody.hidden = state !== "nobody";
  }

  function poll() {
    LiveSocket.fetchNewer(root.dataset.pollUrl, list)
      .then(function (data) {
        (data.messages || []).forEach(append);
        if (data.status === "closed" || data.status === "gone") markEnded();
        else if (data.state) showState(data.state);
      })
      .catch(function () { /* offline for a moment; the next poll tries again */ });
  }

  /* The reply box and the socket (`live`) are made once every handler they call is defined. */
  var outbox = LiveSocket.composer(root, {
    idPrefix: "c",
    texts: { empty: texts.empty, failed: texts.failed, dropped: texts.dropped },
    sendLive: function (text, clientId) {
      return Boolean(live) && live.send({ type: "message", text: text, client_id: clientId });
    },
    body: function (text) {
      var body = new FormData();
      body.append("message", text);
      return body;
    },
    onSent: append,
  });

  LiveSocket.scrollToNewest(list);
  /* State changes are pushed over the socket; a slow check covers a counselor whose console simply went
     quiet (the scheduler's sweep_chat also pushes that, within a minute, when it runs). */
  window.setInterval(function () { if (!ended) poll(); }, 30000);
  var live = LiveSocket.connect({
    path: root.dataset.wsPath,
    poll: poll,
    pollEvery: 4000,
    onOpen: function () { setConnection(""); },
    onMessage: function (data) {
      if (data.type === "message") append(data.message);
      else if (data.type === "state") showState(data.state);
      else if (data.type === "status") showState(data.status === "closed" ? "ended" : data.status === "active" ? "with_counselor" : "");
      else if (outbox) outbox.handle(data);
    },
    onClose: function (event) {
      if (event.code === 4404) { poll(); return true; } /* the chat was closed or forgotten */
      if (outbox) outbox.dropped();
      return false;
    },
    onFallback: function (reason) {
      setConnection(LiveSocket.text("fallback", "%(reason)s", { reason: reason }));
    },
  });
})();
