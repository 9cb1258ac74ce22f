"""Input shapes of the pcm forms (validation of meaning is in the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.selectors import organisation_list
from partnerdesk.pcm import selectors
from partnerdesk.pcm.choices import PARTNER_FRAMEWORK_VALUES
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine

WEB_IMPORT_MAX_BYTES = 3_000_000
FRAMEWORK_LABELS = {
    "EAPC_PFP": "EAPC / Partnership for Peace",
    "MD": "Mediterranean Dialogue",
    "ICI": "Istanbul Cooperation Initiative",
    "GLOBAL": "Partners across the globe",
}


class CatalogueForm(RecordForm):
    """Create a year's catalogue or edit its title and note (it is published by a button)."""

    class Meta:
        model = Catalogue
        fields = ("year", "title", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["title"].help_text = "Leave empty for “Partnership Cooperation Menu <year>”."
        if self.instance.pk is not None:
            self.fields["year"].disabled = True
            self.fields["year"].help_text = "A catalogue keeps its year."

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if not data.get("title"):
            data.pop("title", None)
        return data


class ActivityForm(RecordForm):
    """Add or edit an activity of a catalogue (the catalogue comes from the page)."""

    eligible_frameworks = forms.MultipleChoiceField(
        choices=[(v, FRAMEWORK_LABELS[v]) for v in PARTNER_FRAMEWORK_VALUES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave frameworks and nations empty for an activity open to every partner.",
    )

    class Meta:
        model = Activity
        fields = (
            "code",
            "title",
            "description",
            "area",
            "format",
            "organiser",
            "language",
            "duration_days",
            "eligible_frameworks",
            "eligible_nations",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligible_nations": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(
        self, *args: Any, user: Any = None, parent: Catalogue | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.parent = parent
        self.fields["code"].required = False
        self.fields["code"].help_text = "Leave empty for the next number of the area."
        self.fields["organiser"].queryset = organisation_list(user).exclude(  # type: ignore[attr-defined]
            kind=OrganisationKind.NATIONAL_AGENCY
        )
        self.fields["eligible_nations"].queryset = organisation_list(  # type: ignore[attr-defined]
            user, kind=OrganisationKind.STATE
        )
        self.fields["eligible_nations"].required = False

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is None:
            data["catalogue"] = self.parent
        data["eligible_nations"] = list(data.get("eligible_nations") or [])
        return data


class ProgrammeLineForm(RecordForm):
    """Pick an activity into a plan (from the page) or edit a line: priority, participants,
    what it serves (objectives and goals of the plan's nation)."""

    class Meta:
        model = ProgrammeLine
        fields = (
            "activity",
            "priority",
            "planned_participants",
            "objectives",
            "goals",
            "serves_reference",
            "marking",
            "note",
        )
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            "objectives": forms.SelectMultiple(attrs={"size": 6}),
            "goals": forms.SelectMultiple(attrs={"size": 6}),
        }
        labels = {"goals": "Partnership Goals", "planned_participants": "Planned participants"}

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        plan: Any = None,
        activity_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, user=user, **kwargs)
        plan = plan or (self.instance.plan if self.instance.pk else None)
        self.plan = plan
        self.fields["activity"].queryset = selectors.activities_for_choice(user, plan)  # type: ignore[attr-defined]
        self.fields[
            "activity"
        ].help_text = (
            "Activities of the menu years inside the plan's period that are open to its nation."
        )
        if activity_id is not None and self.instance.pk is None:
            self.fields["activity"].initial = activity_id
        nation_id = plan.owner_id if plan is not None else None
        self.fields["objectives"].queryset = selectors.objectives_for_lines(user, nation_id)  # type: ignore[attr-defined]
        self.fields["goals"].queryset = selectors.goals_for_lines(user, nation_id)  # type: ignore[attr-defined]
        self.fields["objectives"].required = False
        self.fields["goals"].required = False
        if self.instance.pk is None:
            self.fields["marking"].initial = "BILATERAL"

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["objectives"] = list(data.get("objectives") or [])
        data["goals"] = list(data.get("goals") or [])
        if self.instance.pk is None:
            data["plan"] = self.plan
        return data


class CatalogueImportForm(forms.Form):
    """Upload a whole year's menu as CSV or XLSX."""

    year = forms.IntegerField(min_value=1994, max_value=2100, label="Year")
    file = forms.FileField(
        label="File (CSV or XLSX)",
        help_text="Columns as in an export: code, title, description, area, format, organiser, "
        "language, duration_days, eligible_frameworks, eligible_nations, carried_from.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > WEB_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 3 MB; import it with the API or the command line."
            )
        return upload


class CarryOverForm(forms.Form):
    """Copy a year's activities into a later year's catalogue."""

    source_year = forms.IntegerField(min_value=1994, max_value=2100, label="From year")
    target_year = forms.IntegerField(min_value=1994, max_value=2100, label="Into year")
