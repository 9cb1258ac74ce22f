from django.apps import AppConfig


class ParpConfig(AppConfig):
    """Planning and Review Process: cycles, survey, Partnership Goals."""

    name = "partnerdesk.parp"
    label = "parp"
    verbose_name = "PARP"
