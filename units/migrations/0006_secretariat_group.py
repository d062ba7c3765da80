"""The secretariat works in the admin on what the law leaves to it: rule-set parameters, the scoring sheet,
clusters and their yearly leadership."""

from django.db import migrations

GROUP = "Thường trực Hội đồng"
MODELS = [
    ("awards", "ruleset"), ("awards", "titlerule"),
    ("movements", "scoringsheet"), ("movements", "scoringgroup"), ("movements", "scoringcriterion"),
    ("movements", "scoringband"), ("movements", "clusteryear"), ("units", "cluster"),
]


def load(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, model in MODELS:
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label,
                                                         content_type__model=model))


def unload(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0005_staff_started_service_on"),
        ("awards", "0005_forms_and_rule_sets"),
        ("movements", "0005_scoring"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(load, unload)]
