"""The admin of the controlled vocabularies that analysts extend."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casebook.records.admin.base import RankedSearchMixin, VersionedFormMixin
from casebook.records.models import Capability, ClauseCategory, LegalTheory, Technique, Topic


@admin.register(Capability, Technique, LegalTheory, ClauseCategory, Topic)
class VocabularyAdmin(RankedSearchMixin, VersionedFormMixin, SimpleHistoryAdmin):
    """A controlled vocabulary that analysts extend."""

    ranked_fields = ("name", "slug")
    list_display = ("name", "slug", "updated_at")
    list_filter = ("updated_at",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
