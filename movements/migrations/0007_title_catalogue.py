"""The title catalogue moves here from the awards app (issue 12: the layers). Its table keeps its name,
awards_title; only Django's state changes, no table or row."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('movements', '0006_plan_provisions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.CreateModel(
                        name='Title',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                            ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                            ('code', models.SlugField(max_length=30, unique=True, verbose_name='code')),
                            ('name', models.CharField(max_length=200, verbose_name='name')),
                            ('category', models.CharField(choices=[('title', 'Emulation title'), ('form', 'Form of commendation')], default='title', max_length=10, verbose_name='category')),
                            ('subject_kind', models.CharField(choices=[('individual', 'Individual'), ('collective', 'Collective'), ('any', 'Individual or collective')], max_length=20, verbose_name='awarded to')),
                            ('conferring_level', models.CharField(choices=[('provincial_head', 'Head of the provincial procuracy'), ('supreme_procuracy', "Prosecutor General of the Supreme People's Procuracy"), ('prime_minister', 'Prime Minister'), ('state_president', 'State President')], max_length=30, verbose_name='conferred by')),
                            ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='legal basis')),
                            ('display_order', models.PositiveIntegerField(default=0, verbose_name='display order')),
                            ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ],
                        options={
                            'verbose_name': 'title or form of commendation',
                            'verbose_name_plural': 'titles and forms of commendation',
                            'db_table': 'awards_title',
                            'ordering': ['category', 'subject_kind', 'display_order', 'name'],
                        },
                    ),
                    migrations.AlterField(
                        model_name='scoringband',
                        name='title',
                        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='movements.title'),
                    ),
            ],
            database_operations=[],
        ),
    ]
