"""`sifa rotate_data_key`: re-encrypt every encrypted personal-data field under the current key.

Put the new key first in SIFA_DATA_KEYS (or the key file), keep the old ones listed, run this command, then remove
the old keys. Rows already under the current key are skipped, so it can be run again after an interruption."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sifa.core import audit, encrypted
from sifa.core.models.audit import AuditEventType


class Command(BaseCommand):
    help = "用当前数据加密密钥重新加密全部个人信息字段（密钥轮换）。"

    def handle(self, *args, **options):
        encrypted.reset_keys()
        key = encrypted.current_key_id()
        total = 0
        for model in apps.get_models():
            if not encrypted.encrypted_fields(model):
                continue
            with transaction.atomic():
                written = encrypted.reencrypt_model(model)
                if written:
                    audit.record(AuditEventType.CONFIG, verb="数据加密密钥轮换",
                                 after={"模型": model._meta.label, "行数": written, "当前密钥": key})
            total += written
            self.stdout.write(f"{model._meta.verbose_name}（{model._meta.label}）：重新加密 {written} 行")
        self.stdout.write(f"完成：当前密钥“{key}”，共重新加密 {total} 行。")
