from django.db import migrations


def install_catalogue(apps, schema_editor):
    from safeboard.performance.catalogue import install

    install(apps.get_model("performance", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_dataset")]

    operations = [migrations.RunPython(install_catalogue, migrations.RunPython.noop)]
