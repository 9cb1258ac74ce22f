from django.apps import AppConfig


class StaffingConfig(AppConfig):
    """Partnership staff postings (PSE/PSP) and voluntary national contributions; headcounts."""

    name = "partnerdesk.staffing"
    label = "staffing"
    verbose_name = "Staff postings"
