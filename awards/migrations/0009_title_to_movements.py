"""The title catalogue left the awards app for movements (issue 12). The foreign keys point to the same table
(awards_title), so only Django's state changes; the content type is renamed so permissions, groups and the admin
log keep their rows."""

import django.db.models.deletion
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old="awards", new="movements"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="title").exists():
        ContentType.objects.filter(app_label=old, model="title").update(app_label=new)


def rename_content_type_back(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="movements", new="awards")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('awards', '0008_verdict_stale_since'),
        ('movements', '0007_title_catalogue'),
        ('registrations', '0005_title_in_movements'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.AlterField(
                        model_name='proposalline',
                        name='title',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposal_lines', to='movements.title', verbose_name='title'),
                    ),
                    migrations.AlterField(
                        model_name='awardrecord',
                        name='title',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='award_records', to='movements.title', verbose_name='title'),
                    ),
                    migrations.AlterField(
                        model_name='titlerule',
                        name='prerequisite_title',
                        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name='needs to have received before'),
                    ),
                    migrations.AlterField(
                        model_name='plancap',
                        name='title',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name='title'),
                    ),
                    migrations.AlterField(
                        model_name='plancap',
                        name='cap_base_title',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name='cap is a share of those reaching'),
                    ),
                    migrations.AlterField(
                        model_name='titlerule',
                        name='requires_member_title',
                        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name='collective: needs at least one member with'),
                    ),
                    migrations.AlterField(
                        model_name='titlerule',
                        name='title',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rules', to='movements.title'),
                    ),
                    migrations.AlterField(
                        model_name='titlerule',
                        name='streak_title',
                        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name='needs a streak of'),
                    ),
                    migrations.AlterField(
                        model_name='titlerule',
                        name='cap_base_title',
                        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title', verbose_name='cap is a share of those reaching'),
                    ),
                    migrations.DeleteModel(
                        name='Title',
                    ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, rename_content_type_back),
    ]
