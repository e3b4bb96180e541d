/* Plumbing shared by the visitor chat (chat.js) and the staff console (chat-console.js): a WebSocket
   with exponential back-off that falls back to HTTP polling, a reply box that keeps typed text until the
   server confirms it, and message rendering with textContent only (never parsed as HTML). */
(function () {
  "use strict";

  /* The page's own wording, in its language: a json_script block (id "live-texts") that the visitor's
     chat page renders with Django's translations (chat/views.py script_texts). Pages without one, the
     staff console, read the English given here. */
  var texts = {};
  var textBlock = document.getElementById("live-texts");
  if (textBlock) {
    try { texts = JSON.parse(textBlock.textContent); } catch { texts = {}; }
  }

  /* text("zone", "Times are in your time zone (%(zone)s).", { zone: "Europe/Madrid" }) */
  function text(key, english, values) {
    var template = typeof texts[key] === "string" ? texts[key] : english;
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values && name in values ? values[name] : match;
    });
  }

  /* Opens options.path on this host; while it is down, options.poll runs every options.pollEvery ms.
     Callbacks: onOpen(), onMessage(data), onClose(event) returning true when the page handled it (no
     fallback), onFallback(reason) to tell the reader. Returns { send(payload) -> sent?, stop() }. */
  function connect(options) {
    var socket = null;
    var pollTimer = null;
    var retryTimer = null;
    var reconnectDelay = 2000;
    var stopped = false;

    function startPolling() {
      if (!pollTimer && !stopped) pollTimer = window.setInterval(options.poll, options.pollEvery);
    }

    function stopPolling() {
      if (pollTimer) window.clearInterval(pollTimer);
      pollTimer = null;
    }

    function fallBack(reason) {
      if (stopped) return;
      options.onFallback(reason);
      startPolling();
      retryTimer = window.setTimeout(open, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 60000);
    }

    function open() {
      if (stopped) return;
      if (!("WebSocket" in window)) {
        fallBack(text("unsupported", "Live updates are not supported by this browser."));
        return;
      }
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      var opened = false;
      try {
        socket = new WebSocket(scheme + window.location.host + options.path);
      } catch {
        fallBack(text("not_opened", "The live connection could not be opened."));
        return;
      }
      socket.addEventListener("open", function () {
        opened = true;
        reconnectDelay = 2000;
        stopPolling();
        if (options.onOpen) options.onOpen();
        options.poll(); /* catch up on anything sent while we were away */
      });
      socket.addEventListener("message", function (event) {
        options.onMessage(JSON.parse(event.data));
      });
      socket.addEventListener("close", function (event) {
        socket = null;
        if (stopped || (options.onClose && options.onClose(event))) return;
        fallBack(opened
          ? text("connection_dropped", "The live connection dropped.")
          : text("not_opened", "The live connection could not be opened."));
      });
    }

    open();
    return {
      send: function (payload) {
        if (!socket || socket.readyState !== WebSocket.OPEN) return false;
        socket.send(JSON.stringify(payload));
        return true;
      },
      stop: function () {
        stopped = true;
        stopPolling();
        if (retryTimer) window.clearTimeout(retryTimer);
        if (socket) socket.close();
      },
    };
  }

  /* The reply box ([data-chat-form] with its textarea and [data-chat-error] under root; posts to
     root.dataset.sendUrl): one message in flight at a time, cleared only once the server confirms it (a
     WebSocket ack or the HTTP answer) and only if the writer has not changed it since. Options: texts
     {empty, failed, dropped}, idPrefix, sendLive(text, clientId) -> sent?, body(text, form) -> the POST
     body, onSent(message). Returns null without a form, else { handle(data) -> handled?, dropped() }. */
  function composer(root, options) {
    var form = root.querySelector("[data-chat-form]");
    if (!form) return null;
    var box = form.querySelector("textarea");
    var errorBox = root.querySelector("[data-chat-error]");
    var pending = null;
    var counter = 0;

    function showError(text) {
      if (!errorBox) return;
      errorBox.textContent = text || "";
      errorBox.hidden = !text;
    }

    function confirmed(text) {
      if (box.value === text) box.value = "";
      pending = null;
      showError("");
    }

    function sendOverHttp(text) {
      fetch(root.dataset.sendUrl, {
        method: "POST", body: options.body(text, form), credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          pending = null;
          if (data.ok) {
            options.onSent(data.message);
            confirmed(text);
          } else {
            showError(data.error);
          }
        })
        .catch(function () {
          pending = null;
          showError(options.texts.failed);
        });
    }

    function submit(event) {
      event.preventDefault();
      var text = box.value;
      if (!text.trim()) {
        showError(options.texts.empty);
        box.focus();
        return;
      }
      if (pending) return;
      counter += 1;
      pending = { id: options.idPrefix + counter, text: text };
      if (!options.sendLive(text, pending.id)) sendOverHttp(text);
    }

    form.addEventListener("submit", submit);
    /* The shortcut is only mentioned where there is a keyboard: not on phones and tablets. */
    if (window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches) {
      root.querySelectorAll("[data-keyboard-hint]").forEach(function (hint) { hint.hidden = false; });
    }
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
    });

    return {
      handle: function (data) {
        if (data.type === "ack") {
          if (pending && data.client_id === pending.id) confirmed(pending.text);
          return true;
        }
        if (data.type === "error") {
          if (pending && data.client_id === pending.id) pending = null;
          showError(data.message);
          return true;
        }
        return false;
      },
      dropped: function () {
        if (!pending) return;
        showError(options.texts.dropped);
        pending = null;
      },
    };
  }

  /* Messages newer than the last one in list, from pollUrl (JSON { messages, status }); a promise. */
  function fetchNewer(pollUrl, list, extraHeaders) {
    var headers = Object.assign({ Accept: "application/json" }, extraHeaders || {});
    return fetch(pollUrl + "?after=" + lastId(list), { headers: headers, credentials: "same-origin" })
      .then(function (response) { return response.json(); });
  }

  function lastId(list) {
    var items = list ? list.querySelectorAll("li[data-id]") : [];
    return items.length ? parseInt(items[items.length - 1].dataset.id, 10) : 0;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text; /* textContent: visitor and staff text is never parsed as HTML */
    return node;
  }

  function formatTime(iso, hour) {
    return new Date(iso).toLocaleTimeString(document.documentElement.lang || [], { hour: hour, minute: "2-digit" });
  }

  /* Server-rendered times use the site's time zone; show them in the reader's, like new messages, and
     say which zone that is in the [data-chat-zone] line near the list. */
  function localiseTimes(list, hour) {
    list.querySelectorAll("time[datetime]").forEach(function (node) {
      node.textContent = formatTime(node.getAttribute("datetime"), hour);
    });
    var scope = list.closest("[data-chat-root], [data-chat-console]") || document;
    var zoneLine = scope.querySelector("[data-chat-zone]");
    var zone = window.Intl ? Intl.DateTimeFormat().resolvedOptions().timeZone : "";
    if (zoneLine && zone) {
      zoneLine.textContent = text("zone", "Times are in your time zone (%(zone)s).", { zone: zone.replace(/_/g, " ") });
    }
  }

  /* Scrolls the transcript ([data-chat-log], the list's scrolling box) to its newest message. */
  function scrollToNewest(list) {
    var log = list.closest("[data-chat-log]");
    log.scrollTop = log.scrollHeight;
  }

  /* Adds a message to the transcript list unless it is already there; look = { prefix, who(message), hour }.
     Returns whether it was added. */
  function appendMessage(list, message, look) {
    if (list.querySelector('li[data-id="' + message.id + '"]')) return false;
    var item = document.createElement("li");
    item.className = look.prefix + "__msg " + look.prefix + "__msg--" + message.sender;
    item.dataset.id = message.id;
    var time = element("time", look.prefix + "__time", formatTime(message.at, look.hour));
    time.dateTime = message.at;
    item.append(element("span", look.prefix + "__who", look.who(message)), " ", time,
      element("p", look.prefix + "__text", message.text));
    list.appendChild(item);
    scrollToNewest(list);
    return true;
  }

  window.LiveSocket = {
    connect: connect, composer: composer, fetchNewer: fetchNewer, appendMessage: appendMessage, scrollToNewest: scrollToNewest,
    localiseTimes: localiseTimes,
    texts: texts, text: text
  };
})();
