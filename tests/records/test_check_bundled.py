"""The bundled dataset passes check_casebook."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_bundled_file_passes_every_check(capsys):
    call_command("check_casebook")

    assert "passes every check" in capsys.readouterr().out
