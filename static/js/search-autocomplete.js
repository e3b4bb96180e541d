// Suggestions under a search box (ARIA 1.2 combobox with a listbox popup), for forms marked
// data-search-suggest="URL". Without this script the form is a plain GET search form.
// The suggestion endpoint answers the same to everyone, so it is fetched without cookies.
(() => {
  const DELAY_MS = 150;
  let counter = 0;

  function enhance(form) {
    const input = form.querySelector('input[type="search"]');
    if (!input) return;
    counter += 1;
    const listId = `search-suggestions-${counter}`;
    const list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.append(list, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    let timer = null;
    let controller = null;
    let active = -1;
    let options = [];

    function setActive(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function open() {
      if (!options.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function show(suggestions) {
      list.replaceChildren();
      options = suggestions.map((item, i) => {
        const option = document.createElement("li");
        option.id = `${listId}-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = item.url;
        const title = document.createElement("span");
        title.className = "search-suggestions__title";
        title.textContent = item.title;
        option.append(title);
        if (item.label) {
          const label = document.createElement("span");
          label.className = "search-suggestions__label";
          label.textContent = ` · ${item.label}`;
          option.append(label);
        }
        option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the box
        option.addEventListener("click", () => window.location.assign(item.url));
        list.append(option);
        return option;
      });
      active = -1;
      if (options.length) {
        status.textContent = `${options.length} suggestion${options.length === 1 ? "" : "s"}. Use the up and down arrow keys to choose one.`;
        open();
      } else {
        status.textContent = "";
        close();
      }
    }

    async function fetchSuggestions(query) {
      if (controller) controller.abort();
      controller = new AbortController();
      const url = `${form.dataset.searchSuggest}?q=${encodeURIComponent(query)}`;
      try {
        const response = await fetch(url, {
          credentials: "omit",
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        if (!response.ok) return;
        const data = await response.json();
        if (input.value.trim() === query) show(data.suggestions || []);
      } catch {
        // Offline, aborted or a bad answer: the plain search form still works.
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < 2) {
        show([]);
        return;
      }
      timer = setTimeout(() => fetchSuggestions(query), DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) open();
        else if (options.length) setActive((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        if (list.hidden || !options.length) return;
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].dataset.url);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("form[data-search-suggest]").forEach(enhance);
})();
