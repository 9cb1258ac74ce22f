from typing import Any

from django.apps import AppConfig


class PcmConfig(AppConfig):
    """The Partnership Cooperation Menu (catalogue by year) and the partners' programme lines."""

    name = "partnerdesk.pcm"
    label = "pcm"
    verbose_name = "Partnership Cooperation Menu"

    def ready(self) -> None:
        from partnerdesk.core.web.registry import (
            Card,
            NavItem,
            Panel,
            register_card,
            register_nav,
            register_panel,
        )
        from partnerdesk.pcm.selectors import (
            catalogue_list,
            lines_serving_goal,
            lines_serving_objective,
            programme_line_list,
        )

        register_nav(NavItem("Menu", "pcm:list", "pcm", order=60))
        register_card(
            Card(
                title="Partnership Cooperation Menu",
                url_name="pcm:list",
                description="The yearly menu of activities and the programme lines nations pick.",
                count=lambda user, nation_id: catalogue_list(user).count(),
            )
        )

        def plan_panel(user: Any, plan: Any) -> dict[str, Any]:
            return {
                "plan_id": plan.pk,
                "count": programme_line_list(user, plan_id=plan.pk).count(),
            }

        register_panel(
            Panel(page="plans.plan", template="pcm/_plan_programme_panel.html", context=plan_panel)
        )
        register_panel(
            Panel(
                page="plans.objective",
                template="pcm/_lines_serving.html",
                context=lambda user, objective: {
                    "kind": "objective",
                    "lines": lines_serving_objective(user, objective),
                },
            )
        )
        register_panel(
            Panel(
                page="parp.goal",
                template="pcm/_lines_serving.html",
                context=lambda user, goal: {
                    "kind": "goal",
                    "lines": lines_serving_goal(user, goal),
                },
            )
        )
