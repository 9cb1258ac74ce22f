from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Who takes part in events: nominations, waitlist, attendance, feedback and counts."""

    name = "partnerdesk.participation"
    label = "participation"
    verbose_name = "Participation"

    def ready(self) -> None:
        from partnerdesk.core.web.registry import (
            Card,
            NavItem,
            Panel,
            register_card,
            register_nav,
            register_panel,
        )
        from partnerdesk.events import services as event_services
        from partnerdesk.participation import selectors
        from partnerdesk.participation.services import capacity_guard, fill_after_capacity_raised

        if capacity_guard not in event_services.capacity_guard:
            event_services.capacity_guard.append(capacity_guard)
        if fill_after_capacity_raised not in event_services.capacity_raised:
            event_services.capacity_raised.append(fill_after_capacity_raised)
        register_nav(NavItem("Participation", "participation:list", "participation", order=75))
        register_card(
            Card(
                title="Participants",
                url_name="participation:list",
                description="Nominations, waitlist, attendance and feedback of event participants.",
                count=lambda user, nation_id: selectors.registration_list(
                    user, nation_id=nation_id
                ).count(),
            )
        )
        register_panel(
            Panel(
                page="events.event",
                template="participation/_event_panel.html",
                context=lambda user, event: {"panel": selectors.event_panel(user, event)},
            )
        )
        register_panel(
            Panel(
                page="plans.objective",
                template="participation/_objective_panel.html",
                context=lambda user, objective: {
                    "served": selectors.events_for_objective(user, objective),
                    "nation": objective.owner,
                },
            )
        )
        register_panel(
            Panel(
                page="plans.plan",
                template="participation/_plan_panel.html",
                context=lambda user, plan: {"share": selectors.plan_share(user, plan)},
            )
        )
