from django.apps import AppConfig


class ParpConfig(AppConfig):
    """Planning and Review Process: cycles, survey, Partnership Goals."""

    name = "partnerdesk.parp"
    label = "parp"
    verbose_name = "PARP"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import (
            Card,
            NavItem,
            Panel,
            register_card,
            register_nav,
            register_panel,
        )
        from partnerdesk.parp.selectors import cycle_list, goals_for_objective, timeline_entries

        register_nav(NavItem("PARP", "parp:list", "parp", order=40))
        register_card(
            Card(
                title="PARP",
                url_name="parp:list",
                description="Planning and Review Process: survey, Partnership Goals, assessment.",
                count=lambda user, nation_id: cycle_list(user, nation_id=nation_id).count(),
            )
        )
        register_panel(
            Panel(
                page="plans.objective",
                template="parp/_goals_for_objective.html",
                context=lambda user, objective: {
                    "goals": goals_for_objective(user, objective.pk).select_related("cycle")
                },
            )
        )
        register_timeline("parp", "PARP", timeline_entries)
