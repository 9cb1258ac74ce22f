from django.apps import AppConfig


class OccConfig(AppConfig):
    """Operational Capabilities Concept evaluation and feedback: units declared to the pool of
    forces, their SEL/NEL evaluations (with the order rule documented in `partnerdesk.occ`),
    Combat Ready certificates re-validated every three years, and remedial action plans."""

    name = "partnerdesk.occ"
    label = "occ"
    verbose_name = "OCC E&F"

    def ready(self) -> None:
        from django.utils import timezone

        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.occ.selectors import certification_due, occunit_list, timeline_entries

        register_nav(NavItem("OCC", "occ:list", "occ", order=50))
        register_card(
            Card(
                title="OCC units",
                url_name="occ:list",
                description="Units in the OCC pool of forces, their evaluations and certificates.",
                count=lambda user, nation_id: occunit_list(user, nation_id=nation_id).count(),
            )
        )
        register_card(
            Card(
                title="OCC re-validations due",
                url_name="occ:due",
                description="Certificates expiring soon or already lapsed, not yet re-validated.",
                count=lambda user, nation_id: certification_due(
                    user, today=timezone.localdate(), nation_id=nation_id
                ).count(),
            )
        )
        register_timeline("occ", "OCC E&F", timeline_entries)
