/* Staff live-chat console: a WebSocket for live messages and queue updates, with HTTP send and polling
   as the fallback; a heartbeat keeps an available staff member counted as present while the page is open. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-console]");
  if (!root) return;

  var conversation = root.dataset.conversation ? parseInt(root.dataset.conversation, 10) : null;
  var list = root.querySelector("[data-chat-log] ol");
  var log = root.querySelector("[data-chat-log]");
  var form = root.querySelector("[data-chat-form]");
  var box = form && form.querySelector("textarea");
  var errorBox = root.querySelector("[data-chat-error]");
  var connection = root.querySelector("[data-chat-connection]");
  var queue = root.querySelector("[data-chat-queue]");
  var csrf = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  var socket = null;
  var pending = null;
  var pollTimer = null;
  var counter = 0;
  var reconnectDelay = 2000;

  function setConnection(text) { if (connection) connection.textContent = text; }
  function showError(text) { if (errorBox) { errorBox.textContent = text || ""; errorBox.hidden = !text; } }

  function lastId() {
    if (!list) return 0;
    var items = list.querySelectorAll("li[data-id]");
    return items.length ? parseInt(items[items.length - 1].dataset.id, 10) : 0;
  }

  function append(message) {
    if (!list || message.conversation !== conversation) return;
    if (list.querySelector('li[data-id="' + message.id + '"]')) return;
    var item = document.createElement("li");
    item.className = "chat-console__msg chat-console__msg--" + message.sender;
    item.dataset.id = message.id;
    var who = document.createElement("span");
    who.className = "chat-console__who";
    who.textContent = message.sender === "visitor" ? "Visitor" : message.sender === "staff" ? (message.author || "Staff") : "Notice";
    var time = document.createElement("time");
    time.dateTime = message.at;
    time.textContent = new Date(message.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    var text = document.createElement("p");
    text.textContent = message.text;
    item.append(who, " ", time, text);
    list.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function refreshQueue() {
    if (!queue) return;
    fetch(root.dataset.queueUrl, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) { queue.innerHTML = html; })
      .catch(function () {});
  }

  function poll() {
    if (conversation && root.dataset.pollUrl) {
      fetch(root.dataset.pollUrl + "?after=" + lastId(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { (data.messages || []).forEach(append); })
        .catch(function () {});
    }
    refreshQueue();
  }

  function heartbeat() {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "heartbeat" }));
      return;
    }
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(root.dataset.heartbeatUrl, {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": token ? token.value : "" },
    }).catch(function () {});
  }

  function fallBack(text) {
    setConnection(text + " Replies are sent over plain HTTP and new messages are checked every 5 seconds.");
    if (!pollTimer) pollTimer = window.setInterval(poll, 5000);
    window.setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 60000);
  }

  function connect() {
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
      reconnectDelay = 2000;
      if (pollTimer) { window.clearInterval(pollTimer); pollTimer = null; }
      setConnection("Live updates on.");
      if (conversation) socket.send(JSON.stringify({ type: "watch", conversation: conversation }));
      poll();
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "message") append(data.message);
      else if (data.type === "queue") refreshQueue();
      else if (data.type === "status" && data.conversation === conversation && data.status === "closed") {
        if (form) form.hidden = true;
        setConnection("This conversation is closed.");
      } else if (data.type === "ack" && pending && data.client_id === pending.id) {
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
      if (event.code === 4403) { setConnection("You do not have permission to answer live chat."); return; }
      if (pending) { showError("The connection dropped; your reply may not have been sent. It is still in the box."); pending = null; }
      fallBack(opened ? "The live connection dropped." : "The live connection could not be opened.");
    });
  }

  function submit(event) {
    event.preventDefault();
    var text = box.value;
    if (!text.trim()) { showError("Type a reply before sending."); return; }
    if (pending) return;
    counter += 1;
    pending = { id: "s" + counter, text: text };
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "reply", conversation: conversation, text: text, client_id: pending.id }));
      return;
    }
    var body = new FormData(form);
    fetch(root.dataset.sendUrl, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf ? csrf.value : "" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        pending = null;
        if (data.ok) { append(data.message); if (box.value === text) box.value = ""; showError(""); }
        else showError(data.error);
      })
      .catch(function () { pending = null; showError("Your reply could not be sent. It is still in the box."); });
  }

  if (form) {
    form.addEventListener("submit", submit);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
    });
  }
  if (log) log.scrollTop = log.scrollHeight;
  window.setInterval(heartbeat, 30000);
  window.setInterval(refreshQueue, 30000); /* keeps wait times current */
  connect();
})();
