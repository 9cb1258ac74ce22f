"""Enumerations of the timeline: what kind of milestone a fact is."""

from __future__ import annotations

from django.db import models


class MilestoneCategory(models.TextChoices):
    """Milestones are dated facts that belong to no mechanism record of their own."""

    ALLIANCE = "ALLIANCE", "Alliance decision or initiative"
    NATIONAL = "NATIONAL", "National decision"
    COOPERATION = "COOPERATION", "Cooperation milestone"
    OTHER = "OTHER", "Other"


class Zoom(models.TextChoices):
    """How far the timeline page zooms in."""

    DECADES = "decades", "Decades"
    YEAR = "year", "One year by month"
