// ESLint for static/js: plain browser scripts (no modules, no build step).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
    },
  },
  {
    // live-socket.js publishes window.LiveSocket; the two chat scripts load after it.
    files: ["static/js/chat.js", "static/js/chat-console.js"],
    languageOptions: { globals: { LiveSocket: "readonly" } },
  },
];
