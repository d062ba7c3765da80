"""A registration line's title now points to the catalogue in the movements app: state only, same column
and constraint (issue 12)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('movements', '0007_title_catalogue'),
        ('registrations', '0004_line_supplementary_at'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.AlterField(
                        model_name='registrationline',
                        name='title',
                        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registration_lines', to='movements.title'),
                    ),
            ],
            database_operations=[],
        ),
    ]
