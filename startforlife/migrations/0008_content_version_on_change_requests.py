from django.db import migrations

# The staff dashboard caches the changes waiting for approval under the content version.
TABLE = "startforlife_changerequest"


class Migration(migrations.Migration):
    dependencies = [
        ("startforlife", "0007_content_version"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE TRIGGER startforlife_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION startforlife_bump_content_version();",
            f"DROP TRIGGER startforlife_content_version ON {TABLE};",
        ),
    ]
