"""Write use-cases of events: every change is checked, validated, versioned and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.events.models import Event, ReminderLog

DEFAULT_REMINDER_INTERVAL_HOURS = 72


def reminder_interval() -> dt.timedelta:
    """The quiet period between two reminders to the same recipient about the same subject
    (setting PARTNERDESK_REMINDER_INTERVAL_HOURS, 72 hours by default)."""
    hours = getattr(
        settings, "PARTNERDESK_REMINDER_INTERVAL_HOURS", DEFAULT_REMINDER_INTERVAL_HOURS
    )
    return dt.timedelta(hours=float(hours))


def send_reminder(
    *,
    actor: Actor,
    event: Event,
    kind: str,
    subject: str,
    recipient_email: str,
    recipient_user: Any = None,
    mail_subject: str,
    body: str,
    now: dt.datetime | None = None,
) -> bool:
    """Send one reminder e-mail and log it, unless the same recipient already had one about the
    same `subject` within `reminder_interval()`; return whether it was sent.

    The caller decides who needs a reminder and may send it (organisers only). Sending goes
    through Django's e-mail framework (console or file backend in development); the log row is
    written in the same transaction, so a failed send leaves no row.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        recent = ReminderLog.objects.filter(
            subject=subject,
            recipient_email__iexact=recipient_email,
            sent_at__gt=moment - reminder_interval(),
        ).exists()
        if recent:
            return False
        ReminderLog.objects.create(
            event=event,
            kind=kind,
            subject=subject,
            recipient_email=recipient_email,
            recipient_user=recipient_user,
            sent_at=moment,
            sent_by_label=actor.label,
        )
        send_mail(mail_subject, body, None, [recipient_email], fail_silently=False)
    return True
