"""The one field include and the one error summary every public form uses."""

from django import forms
from django.template.loader import render_to_string


class TwoRulesForm(forms.Form):
    code = forms.CharField(help_text="Six digits.")
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    def clean_code(self):
        raise forms.ValidationError(["Too short.", "Digits only."])


def test_a_field_with_several_errors_shows_them_all_under_one_error_id():
    form = TwoRulesForm(data={"code": "x"})
    form.is_valid()
    html = render_to_string("includes/form_field.html", {"field": form["code"]})
    assert html.count('id="id_code_error"') == 1
    assert "Too short." in html and "Digits only." in html
    assert 'id="id_code_helptext"' in html and 'for="id_code"' in html
    assert 'aria-describedby="id_code_helptext id_code_error"' in str(form["code"])


def test_error_summary_links_every_error_to_its_field_and_radio_groups_to_the_first_option():
    form = TwoRulesForm(data={"code": "x"})
    form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form, "summary_id": "send-error"})
    assert html.count('href="#id_code"') == 2 and 'href="#id_choice_0"' in html
    assert 'id="send-error"' in html and 'aria-labelledby="send-error-title"' in html
    assert render_to_string("includes/error_summary.html", {"form": TwoRulesForm()}).strip() == ""
