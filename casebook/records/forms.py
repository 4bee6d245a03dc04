"""Admin forms: refuse stale saves, speak validation errors in plain words.

Every admin form (main records and inline rows) carries a hidden ``loaded_revision``:
the id of the row's latest history entry when the form was opened. If someone
else saved the row in between, the save is refused and the form shows what
they changed; saving again then keeps the analyst's version knowingly.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model

from casebook.records.services import plain_validation_error

#: Help text for the few model fields that have none (the inline foreign keys).
EXTRA_HELP_TEXT = {
    "case": "The case.",
    "party": "The party.",
    "guidance": "The guidance document.",
}


def latest_revision(instance: Model):
    """The latest history entry of a saved row, or ``None``."""
    if instance.pk is None:
        return None
    return instance.history.order_by("-history_id").first()


def describe_changes(old, new) -> str:
    """One line per field that differs between two history entries of a row."""
    if old is None:
        return ""
    delta = new.diff_against(old, foreign_keys_are_objs=False)
    lines = []
    for change in delta.changes:
        field = new.instance._meta.get_field(change.field)
        if field.many_to_many:
            lines.append(f"{field.verbose_name}: changed")
        else:
            lines.append(f"{field.verbose_name}: “{change.old}” → “{change.new}”")
    return "; ".join(lines)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that refuses a save made from a stale copy of the row."""

    loaded_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revision = latest_revision(self.instance)
        self.fields["loaded_revision"].initial = revision.history_id if revision else ""
        for name, field in self.fields.items():
            if not field.help_text and name in EXTRA_HELP_TEXT:
                field.help_text = EXTRA_HELP_TEXT[name]

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_save()
        return cleaned_data

    def _refuse_stale_save(self) -> None:
        if self.instance.pk is None:
            return
        current = latest_revision(self.instance)
        seen = str(self.cleaned_data.get("loaded_revision") or "")
        if current is None or str(current.history_id) == seen:
            return
        seen_id = int(seen) if seen.isdigit() else 0
        opened = self.instance.history.filter(history_id=seen_id).first()
        later = self.instance.history.filter(history_id__gt=seen_id)
        who = (
            ", ".join(sorted({str(h.history_user or "an unrecorded user") for h in later}))
            or "someone"
        )
        changes = describe_changes(opened, current) or "see the record's history"
        # Saving again after reading this keeps this form's values on purpose.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_revision")] = str(current.history_id)
        raise ValidationError(
            f"{self.instance._meta.verbose_name.capitalize()} “{self.instance}” was changed by "
            f"{who} after you opened this page: {changes}. Nothing was saved. "
            "Check the values below and save again to keep yours, or reload the page to "
            "start from the current version.",
            code="stale",
        )

    def _update_errors(self, errors: ValidationError) -> None:
        super()._update_errors(plain_validation_error(self._meta.model, errors))
