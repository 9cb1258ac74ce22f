from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Two-year cooperation plans (IPAP, IPCP, ITPP, ANP): chapters, objectives, commitments."""

    name = "partnerdesk.plans"
    label = "plans"
    verbose_name = "Plans"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.plans.selectors import plan_list, timeline_entries

        register_nav(NavItem("Plans", "plans:list", "plans", order=20))
        register_card(
            Card(
                title="Cooperation plans",
                url_name="plans:list",
                description="IPAPs, IPCPs, ITPPs and ANPs: chapters, objectives, commitments.",
                count=lambda user, nation_id: plan_list(user, nation_id=nation_id).count(),
            )
        )
        register_timeline("plans", "Plans", timeline_entries)
