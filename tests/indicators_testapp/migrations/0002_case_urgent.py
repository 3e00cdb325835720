from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators_testapp', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='urgent',
            field=models.BooleanField(default=False, verbose_name='是否紧急'),
        ),
    ]
