/* Staff live-chat console: a WebSocket for live messages and queue updates, with HTTP send and polling
   as the fallback; a heartbeat keeps an available staff member counted as present while the page is open.
   Needs live-socket.js (window.LiveSocket), loaded before this file. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-console]");
  if (!root) return;

  var conversation = root.dataset.conversation ? parseInt(root.dataset.conversation, 10) : null;
  var list = root.querySelector("[data-chat-log] ol");
  var form = root.querySelector("[data-chat-form]");
  var connection = root.querySelector("[data-chat-connection]");
  var queue = root.querySelector("[data-chat-queue]");
  var live = null;
  var outbox = null;
  var warning = root.querySelector("[data-session-warning]");
  /* Polling and queue refreshes are the page's own doing: they must not keep an unattended session alive. */
  var BACKGROUND = { "X-Staff-Background": "1" };
  var active = false;

  if (list) LiveSocket.localiseTimes(list, "2-digit");
  /* Waiting chats already known, so an alert sounds once per new arrival (not for every queue change). */
  var knownWaiting = {};
  if (queue) queue.querySelectorAll("[data-waiting-id]").forEach(function (row) { knownWaiting[row.dataset.waitingId] = true; });

  function setConnection(text) { if (connection) connection.textContent = text; }

  function who(message) {
    return message.sender === "visitor" ? "Visitor" : message.sender === "staff" ? (message.author || "Staff") : "Notice";
  }

  function append(message) {
    if (!list || message.conversation !== conversation) return;
    LiveSocket.appendMessage(list, message, { prefix: "chat-console", who: who, hour: "2-digit" });
  }

  function refreshQueue() {
    if (!queue) return;
    fetch(root.dataset.queueUrl, { credentials: "same-origin", headers: BACKGROUND })
      .then(function (response) { return response.text(); })
      .then(function (html) { queue.innerHTML = html; }) /* server-rendered, escaped queue fragment */
      .catch(function () {});
  }

  function poll() {
    if (conversation && root.dataset.pollUrl) {
      LiveSocket.fetchNewer(root.dataset.pollUrl, list, BACKGROUND)
        .then(function (data) { (data.messages || []).forEach(append); })
        .catch(function () {});
    }
    refreshQueue();
  }

  /* The heartbeat keeps the session only if the counselor typed, clicked or scrolled since the last one;
     its answer says how long is left, and a warning shows in the last two minutes. */
  function showTimeLeft(seconds) {
    if (!warning || typeof seconds !== "number") return;
    var minutes = Math.max(1, Math.ceil(seconds / 60));
    warning.hidden = seconds > 120;
    warning.textContent = seconds > 120 ? "" : "You will be signed out in about " + minutes +
      (minutes === 1 ? " minute" : " minutes") + " because there has been no activity. Press any key or click to stay signed in.";
  }

  function heartbeat() {
    var wasActive = active;
    active = false;
    if (live && live.send({ type: "heartbeat", active: wasActive })) return;
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var headers = Object.assign({ "X-CSRFToken": token ? token.value : "" }, wasActive ? {} : BACKGROUND);
    fetch(root.dataset.heartbeatUrl, { method: "POST", credentials: "same-origin", headers: headers })
      .then(function (response) { return response.json(); })
      .then(function (data) { showTimeLeft(data.signed_out_in); })
      .catch(function () {});
  }

  ["keydown", "pointerdown", "wheel", "touchstart"].forEach(function (name) {
    document.addEventListener(name, function () {
      var warned = warning && !warning.hidden;
      active = true;
      if (warned) heartbeat(); /* answer the warning at once */
    }, { passive: true });
  });

  outbox = LiveSocket.composer(root, {
    idPrefix: "s",
    texts: {
      empty: "Type a reply before sending.",
      failed: "Your reply could not be sent. It is still in the box.",
      dropped: "The connection dropped; your reply may not have been sent. It is still in the box.",
    },
    sendLive: function (text, clientId) {
      return live !== null && live.send({ type: "reply", conversation: conversation, text: text, client_id: clientId });
    },
    body: function (text, replyForm) { return new FormData(replyForm); }, /* includes the CSRF token */
    onSent: append,
  });

  /* Canned replies: a click, or Alt+its number anywhere on the page, inserts the text at the cursor. */
  var box = form ? form.querySelector("textarea") : null;
  function insertCanned(text) {
    if (!box) return;
    var start = box.selectionStart, end = box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
  }
  root.querySelectorAll("[data-canned-text]").forEach(function (button) {
    button.addEventListener("click", function () { insertCanned(button.dataset.cannedText); });
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || !/^Digit[1-9]$/.test(event.code)) return;
    var button = root.querySelector('[data-canned-key="' + event.code.slice(5) + '"]');
    if (!button) return;
    event.preventDefault();
    insertCanned(button.dataset.cannedText);
  });

  if (list) LiveSocket.scrollToNewest(list);
  window.setInterval(heartbeat, 30000);
  window.setInterval(refreshQueue, 30000); /* keeps wait times current */
  live = LiveSocket.connect({
    path: root.dataset.wsPath,
    poll: poll,
    pollEvery: 5000,
    onOpen: function () {
      setConnection("Live updates on.");
      if (conversation) live.send({ type: "watch", conversation: conversation });
    },
    onMessage: function (data) {
      if (data.type === "ack" && data.action === "heartbeat") showTimeLeft(data.signed_out_in);
      else if (data.type === "message") append(data.message);
      else if (data.type === "queue") {
        if (data.status === "waiting" && !knownWaiting[data.conversation] && window.ChatAlert) {
          knownWaiting[data.conversation] = true;
          window.ChatAlert.newChat("Chat " + String(data.conversation).padStart(5, "0"));
        }
        refreshQueue();
      }
      else if (data.type === "status" && data.conversation === conversation && data.status === "closed") {
        if (form) form.hidden = true;
        setConnection("This conversation is closed.");
      } else if (outbox) outbox.handle(data);
    },
    onClose: function (event) {
      if (event.code === 4403) {
        setConnection("Your sign-in has ended or no longer lets you answer live chat. Reload the page to sign in again.");
        return true;
      }
      if (outbox) outbox.dropped();
      return false;
    },
    onFallback: function (text) {
      setConnection(text + " Replies are sent over plain HTTP and new messages are checked every 5 seconds.");
    },
  });
})();
