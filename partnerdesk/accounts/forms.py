"""Input shape of the administrator's user form."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.roles import Role
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import organisation_list, partner_states


class UserCreateForm(forms.Form):
    """Create a user: name, role, organisation, scope; the password is generated and shown once."""

    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    all_nations = forms.BooleanField(required=False, label="Alliance staff: edits every nation")
    assigned_nations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Alliance staff: nations assigned",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_list(user).exclude(kind="INTL_ORG")  # type: ignore[attr-defined]
        self.fields["assigned_nations"].queryset = partner_states(user)  # type: ignore[attr-defined]
