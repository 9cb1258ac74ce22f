"""Base form for records edited through services: carries the version and shapes input only."""

from __future__ import annotations

from typing import Any

from django import forms


class RecordForm(forms.ModelForm):
    """A ModelForm used only to shape and check input; saving is the service's job.

    It carries the version the user started from in a hidden field, so a stale edit is detected
    by the service instead of silently overwriting someone else's change.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def _post_clean(self) -> None:
        """Skip ModelForm's instance validation: the service runs full_clean on the real row."""

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("Forms do not save: call the domain service.")

    def service_data(self) -> dict[str, Any]:
        """The cleaned values the service takes (everything but the version)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
