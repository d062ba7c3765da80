"""The share of a collective's members (Tập thể lao động tiên tiến, Tập thể lao động xuất sắc) counts the holders
of a title named on the rule, no longer found in code: Lao động tiên tiến under every rule set loaded so far (Law
2013 Art. 27–28, Law 2022 Art. 26–27; domain-rules §2.1). Issue 12."""

import django.db.models.deletion
from django.db import migrations, models


def name_the_title(apps, schema_editor):
    Title = apps.get_model("movements", "Title")
    TitleRule = apps.get_model("awards", "TitleRule")
    ldtt = Title.objects.filter(code="LDTT").first()
    if ldtt is not None:
        TitleRule.objects.filter(member_share_percent__isnull=False, member_share_title__isnull=True).update(
            member_share_title=ldtt
        )


load = name_the_title  # tests/conftest.py loads the catalogues again after a flush


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0009_title_to_movements'),
        ('movements', '0007_title_catalogue'),
    ]

    operations = [
        migrations.AddField(
            model_name='titlerule',
            name='member_share_title',
            field=models.ForeignKey(blank=True, help_text='Lao động tiên tiến under every rule set so far; empty: the first individual emulation title.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name="collective: the members' title that the share counts"),
        ),
        migrations.RunPython(name_the_title, migrations.RunPython.noop),
    ]
