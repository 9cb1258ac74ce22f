from django.apps import AppConfig


class TrustFundsConfig(AppConfig):
    """Trust-fund projects: life cycle, phases, contributions, agreements and KPIs; exact money
    shown per currency (see `partnerdesk.trustfunds.models`)."""

    name = "partnerdesk.trustfunds"
    label = "trustfunds"
    verbose_name = "Trust funds"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.trustfunds.selectors import project_list, timeline_entries

        register_nav(NavItem("Trust funds", "trustfunds:list", "trustfunds", order=65))
        register_card(
            Card(
                title="Trust-fund projects",
                url_name="trustfunds:list",
                description="Demining, munitions and other trust-fund projects: phases, donors, "
                "agreements and results.",
                count=lambda user, nation_id: project_list(user, nation_id=nation_id).count(),
            )
        )
        register_timeline("trustfunds", "Trust funds", timeline_entries)
