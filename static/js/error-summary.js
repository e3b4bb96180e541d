// Move keyboard and screen-reader focus to a form's error summary, so people hear what went wrong first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});
