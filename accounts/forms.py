"""Forms for the admin's second sign-in factor."""

from django import forms


class OTPCodeForm(forms.Form):
    """A six-digit code from the staff member's authenticator app."""

    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Six-digit code",
        help_text="Open your authenticator app and type the code it shows for Harbor Light.",
        error_messages={"invalid": "Enter the six digits your authenticator app shows.", "required": "Enter the code."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Too many attempts in a row. Wait a minute, then enter the current code.")
        if not self.device.verify_token(code):
            raise forms.ValidationError("That code did not match. Codes change every 30 seconds; try the current one.")
        return code
