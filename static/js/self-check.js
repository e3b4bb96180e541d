// Scores a self-check in the page: adds up the points printed on each chosen answer and shows the band the
// server rendered for that total. Nothing is sent anywhere; without this script the form posts to a view
// that scores it and keeps nothing.
(() => {
  const form = document.querySelector("form[data-self-check]");
  if (!form) return;
  const result = document.getElementById("self-check-result");
  const unanswered = form.querySelector(".self-check__unanswered");

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const questions = [...form.querySelectorAll("fieldset")];
    const missing = questions.filter((fieldset) => !fieldset.querySelector("input:checked"));
    if (missing.length) {
      unanswered.textContent = `Please answer question${missing.length === 1 ? "" : "s"} ${missing
        .map((fieldset) => fieldset.querySelector("legend").textContent.split(".")[0])
        .join(", ")}.`;
      missing[0].querySelector("input").focus();
      return;
    }
    unanswered.textContent = "";
    const total = questions.reduce(
      (sum, fieldset) => sum + Number(fieldset.querySelector("input:checked").dataset.points),
      0,
    );
    result.querySelectorAll(".self-check__band").forEach((band) => {
      const matches = Number(band.dataset.low) <= total && total <= Number(band.dataset.high);
      band.hidden = !matches;
      if (matches) band.querySelector(".self-check__total").textContent = String(total);
    });
    result.hidden = false;
    result.focus();
  });
})();
