from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Two-year cooperation plans (IPAP, IPCP, ITPP, ANP): chapters, objectives, commitments."""

    name = "partnerdesk.plans"
    label = "plans"
    verbose_name = "Plans"
