from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    """News and interview documents, their source-linked facts, review into records, search."""

    name = "partnerdesk.evidence"
    label = "evidence"
    verbose_name = "Evidence"
