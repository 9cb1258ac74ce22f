from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Contributions to NATO-led operations: snapshots per nation and strength over time."""

    name = "partnerdesk.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.operations.selectors import contribution_list, timeline_entries

        register_nav(NavItem("Operations", "operations:list", "operations", order=60))
        register_card(
            Card(
                title="Contributions to operations",
                url_name="operations:list",
                description="Personnel in KFOR, ISAF, Resolute Support … by nation and date.",
                count=lambda user, nation_id: contribution_list(user, nation_id=nation_id).count(),
            )
        )
        register_timeline("operations", "Operations", timeline_entries)
