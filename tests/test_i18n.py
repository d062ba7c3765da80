"""The Vietnamese catalogue is complete: every source string has a translation, and the compiled file is current."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

SOURCE_DIRS = ["config", "units", "registrations", "movements", "awards", "reports", "templates"]
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (installed by .ci/run)")
def test_every_source_string_is_translated(tmp_path, settings, monkeypatch):
    # makemessages writes next to the sources it reads, so it runs on a copy of them.
    base = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("fonts", "__pycache__"))
    target = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(CATALOGUE, target / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["vi"], no_location=True, verbosity=0)
    catalogue = polib.pofile(str(target / "django.po"))
    assert catalogue.percent_translated() == 100, [e.msgid for e in catalogue.untranslated_entries()]
    assert (base / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_bytes() == CATALOGUE.read_bytes()


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.untranslated_entries() and not catalogue.fuzzy_entries()
    with translation.override("vi"):
        stale = [
            entry.msgid
            for entry in catalogue
            if not entry.msgid_plural
            and "%" not in entry.msgid
            and (
                translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)
            )
            != entry.msgstr
        ]
    assert stale == []
