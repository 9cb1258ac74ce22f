from django.apps import AppConfig


class OccConfig(AppConfig):
    """Operational Capabilities Concept evaluation and certification of units."""

    name = "partnerdesk.occ"
    label = "occ"
    verbose_name = "OCC E&F"
