"""Create or update the staff groups Analysts, Editors and Administrators.

Idempotent: running it again resets each group's permissions to the lists
below, so the roles in the database always match this file.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from casebook.records.models import RECORD_MODELS

ANALYSTS = "Analysts"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"


def record_app_permissions(actions: tuple[str, ...]) -> list[Permission]:
    """The ``actions`` (view, add, change, delete) on every model of the records app."""
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in apps.get_app_config("records").get_models()
        if not hasattr(model, "instance_type")  # history models have no admin of their own
        for action in actions
    ]
    return list(
        Permission.objects.filter(content_type__app_label="records", codename__in=codenames)
    )


def role_permissions() -> dict[str, list[Permission]]:
    """Each group's permissions.

    - Analysts create and edit records, citations, rows and vocabularies and
      submit them for review (the workflow lets them change only drafts and
      records in review; nobody may delete a published record).
    - Editors also delete, publish, send back, retract and revert.
    - Administrators manage staff accounts, groups and API tokens, and can read
      every record.
    """
    publish = [f"publish_{model._meta.model_name}" for model in RECORD_MODELS]
    analysts = record_app_permissions(("view", "add", "change", "delete"))
    editors = [
        *analysts,
        *Permission.objects.filter(content_type__app_label="records", codename__in=publish),
    ]
    administrators = [
        *record_app_permissions(("view",)),
        *Permission.objects.filter(
            content_type__app_label__in=("auth", "authtoken"),
        ).exclude(codename__endswith="_permission"),
    ]
    return {ANALYSTS: analysts, EDITORS: editors, ADMINISTRATORS: administrators}


class Command(BaseCommand):
    help = "Create or update the Analysts, Editors and Administrators groups and their permissions."

    @transaction.atomic
    def handle(self, *args, **options):
        # Permissions are created after migrate; make sure they exist on a fresh database.
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        for name, permissions in role_permissions().items():
            group, created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            if options["verbosity"]:
                self.stdout.write(
                    f"{'Created' if created else 'Updated'} {name}: {len(permissions)} permissions."
                )
