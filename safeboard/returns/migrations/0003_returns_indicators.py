from django.db import migrations


def install_indicators(apps, schema_editor):
    from safeboard.returns.catalogue import install

    install(apps.get_model("performance", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0002_recompute"),
        ("performance", "0002_builtin_catalogue"),
    ]

    operations = [migrations.RunPython(install_indicators, migrations.RunPython.noop)]
