from django.apps import AppConfig


class TrustFundsConfig(AppConfig):
    """Trust-fund projects: life cycle, phases, contributions, agreements and KPIs."""

    name = "partnerdesk.trustfunds"
    label = "trustfunds"
    verbose_name = "Trust funds"
