// Stylelint for static/css: the recommended "likely mistakes" set, plus the one-design-system rule.
export default {
  extends: ["stylelint-config-recommended"],
  rules: {
    "color-named": "never",
    "declaration-block-no-redundant-longhand-properties": true,
    "shorthand-property-no-redundant-values": true,
    // Components are written in reading order, not specificity order; the cascade here is deliberate.
    "no-descending-specificity": null,
    // Colours live in site.css's custom properties; every other file uses them, never its own.
    "color-no-hex": [true, { message: "Use a colour token from site.css (var(--…)), not a hex colour." }],
    "function-disallowed-list": [["rgb", "rgba", "hsl", "hsla"], { message: "Use a colour token from site.css." }],
  },
  overrides: [
    {
      // site.css holds the public site's tokens; the admin badges/charts and the stand-alone print page
      // load without it, so each declares its own palette once, in a :root block at its top.
      files: ["static/css/site.css", "static/css/admin-admissions.css", "static/css/print_record.css"],
      rules: { "color-no-hex": null, "function-disallowed-list": null },
    },
  ],
};
