from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Annual dual assessment rounds of plan objectives, with agreement analytics."""

    name = "partnerdesk.assessments"
    label = "assessments"
    verbose_name = "Assessments"
