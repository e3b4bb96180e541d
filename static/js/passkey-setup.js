// After django-otp-webauthn registers a passkey, continue where the staff member was going (the set-up page's next).
document.addEventListener("otp_webauthn.register_complete", () => {
  const placeholder = document.getElementById("passkey-registration-placeholder");
  const next = placeholder?.dataset.next || "/admin/";
  window.location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/admin/");
});
