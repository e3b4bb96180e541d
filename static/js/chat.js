/* Live chat for visitors: WebSocket first, plain HTTP (send + polling) when the socket cannot open or drops.
   Typed text stays in the box until the server confirms it was stored, so nothing is lost. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-root]");
  if (!root || root.dataset.closed === "true") return;

  var list = root.querySelector("[data-chat-log] ol");
  var log = root.querySelector("[data-chat-log]");
  var form = root.querySelector("[data-chat-form]");
  var box = form && form.querySelector("textarea");
  var errorBox = root.querySelector("[data-chat-error]");
  var connection = root.querySelector("[data-chat-connection]");
  var waiting = root.querySelector("[data-chat-waiting]");
  var refresh = root.querySelector("[data-chat-refresh]");
  var socket = null;
  var mode = "connecting";
  var pending = null;
  var pollTimer = null;
  var reconnectDelay = 2000;
  var ended = false;
  var counter = 0;

  if (refresh) refresh.hidden = true;

  function lastId() {
    var items = list.querySelectorAll("li[data-id]");
    return items.length ? parseInt(items[items.length - 1].dataset.id, 10) : 0;
  }

  function who(sender) {
    return sender === "visitor" ? "You" : sender === "staff" ? "Admissions counselor" : "Notice";
  }

  function append(message) {
    if (list.querySelector('li[data-id="' + message.id + '"]')) return;
    var item = document.createElement("li");
    item.className = "chat__msg chat__msg--" + message.sender;
    item.dataset.id = message.id;
    var label = document.createElement("span");
    label.className = "chat__who";
    label.textContent = who(message.sender);
    var time = document.createElement("time");
    time.className = "chat__time";
    time.dateTime = message.at;
    time.textContent = new Date(message.at).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
    var text = document.createElement("p");
    text.className = "chat__text";
    text.textContent = message.text; /* textContent: visitor and staff text is never parsed as HTML */
    item.append(label, " ", time, text);
    list.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (message.sender === "system" && waiting && /joined/.test(message.text)) {
      waiting.textContent = "An admissions counselor is with you.";
    }
  }

  function showError(text) {
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  }

  function setConnection(text) {
    connection.textContent = text || "";
    connection.hidden = !text;
  }

  function markEnded() {
    if (ended) return;
    ended = true;
    stopPolling();
    if (socket) socket.close();
    if (form) form.hidden = true;
    setConnection("This chat has ended. You can forget it on this device, or start a new chat after reloading the page.");
  }

  /* ---- HTTP fallback ---- */
  function poll() {
    fetch(root.dataset.pollUrl + "?after=" + lastId(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        (data.messages || []).forEach(append);
        if (data.status === "closed" || data.status === "gone") markEnded();
      })
      .catch(function () { /* offline for a moment; the next poll tries again */ });
  }

  function startPolling() {
    if (!pollTimer && !ended) pollTimer = window.setInterval(poll, 4000);
  }

  function stopPolling() {
    if (pollTimer) window.clearInterval(pollTimer);
    pollTimer = null;
  }

  function sendOverHttp(text) {
    var body = new FormData();
    body.append("message", text);
    return fetch(root.dataset.sendUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        pending = null;
        if (data.ok) {
          append(data.message);
          if (box.value === text) box.value = "";
          showError("");
        } else {
          showError(data.error);
        }
      })
      .catch(function () {
        pending = null;
        showError("Your message could not be sent. It is still in the box; check your connection and press Send again.");
      });
  }

  function fallBack(reason) {
    mode = "http";
    setConnection(reason + " Messages are now sent over a plain connection and checked every few seconds.");
    startPolling();
    window.setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 60000);
  }

  /* ---- WebSocket ---- */
  function connect() {
    if (ended || !("WebSocket" in window)) {
      if (!ended) fallBack("Live updates are not supported by this browser.");
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var opened = false;
    try {
      socket = new WebSocket(scheme + window.location.host + root.dataset.wsPath);
    } catch (e) {
      fallBack("The live connection could not be opened.");
      return;
    }
    socket.addEventListener("open", function () {
      opened = true;
      mode = "ws";
      reconnectDelay = 2000;
      stopPolling();
      setConnection("");
      poll(); /* catch up on anything sent while we were away */
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "message") append(data.message);
      else if (data.type === "status" && data.status === "closed") markEnded();
      else if (data.type === "ack" && pending && data.client_id === pending.id) {
        if (box.value === pending.text) box.value = "";
        pending = null;
        showError("");
      } else if (data.type === "error") {
        if (pending && data.client_id === pending.id) pending = null;
        showError(data.message);
      }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (ended) return;
      if (event.code === 4404) { poll(); return; } /* the chat was closed or forgotten */
      if (pending) {
        showError("The connection dropped; your last message may not have been sent. It is still in the box: press Send to try again.");
        pending = null;
      }
      fallBack(opened ? "The live connection dropped." : "The live connection could not be opened.");
    });
  }

  function submit(event) {
    event.preventDefault();
    var text = box.value;
    if (!text.trim()) {
      showError("Type a message before sending.");
      box.focus();
      return;
    }
    if (pending) return;
    counter += 1;
    pending = { id: "c" + counter, text: text };
    if (mode === "ws" && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "message", text: text, client_id: pending.id }));
    } else {
      sendOverHttp(text);
    }
  }

  if (form) {
    form.addEventListener("submit", submit);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
    });
  }
  log.scrollTop = log.scrollHeight;
  connect();
})();
