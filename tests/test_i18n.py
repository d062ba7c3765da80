"""The Vietnamese catalogue is complete: every source string has a translation, and the compiled file is current."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

SOURCE_DIRS = ["config", "units", "registrations", "movements", "awards", "reports", "templates", "static"]
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (installed by .ci/run)")
def test_every_source_string_is_translated(tmp_path, settings, monkeypatch):
    target = tmp_path / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(CATALOGUE, target / "django.po")
    settings.LOCALE_PATHS = [tmp_path]
    monkeypatch.chdir(settings.BASE_DIR)
    call_command(
        "makemessages",
        locale=["vi"],
        no_location=True,
        verbosity=0,
        ignore_patterns=[".venv/*", "staticfiles/*", "tests/*", "var/*", "bench/*"],
    )
    catalogue = polib.pofile(str(target / "django.po"))
    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    with translation.override("vi"):
        stale = [
            entry.msgid
            for entry in catalogue
            if not entry.msgid_plural and "%" not in entry.msgid and translation.gettext(entry.msgid) != entry.msgstr
        ]
    assert stale == []
