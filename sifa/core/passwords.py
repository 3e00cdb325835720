"""Password rules of 等保 三级 (SECURITY.md A1): ≥12 characters, 3 of 4 classes, the last 5 not reused,
staff passwords changed every 90 days (PasswordChangeRequiredMiddleware). Hashing is Argon2id
(settings.PASSWORD_HASHERS).

Recorded deviation: ASVS 4.0.3 2.1.9 (no composition rules) and 2.1.10 (no periodic rotation) are overridden by
GB/T 22239-2019 8.1.4.1a, which the 等保 assessment checks; both rules here exist for that reason."""

import re

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError


class MinimumLengthValidator:
    def __init__(self, min_length=12):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"密码至少需要{self.min_length}个字符。", code="password_too_short")

    def get_help_text(self):
        return f"密码至少需要{self.min_length}个字符。"


class CharacterClassValidator:
    CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"\d"), re.compile(r"[^a-zA-Z\d]"))

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = sum(1 for c in self.CLASSES if c.search(password))
        if present < self.min_classes:
            raise ValidationError(
                f"密码须包含小写字母、大写字母、数字、特殊字符中的至少{self.min_classes}类。", code="password_classes")

    def get_help_text(self):
        return f"须包含小写字母、大写字母、数字、特殊字符中的至少{self.min_classes}类。"


class PasswordHistoryValidator:
    def __init__(self, history=5):
        self.history = history

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        recent = user.password_history.all()[: self.history]
        if any(check_password(password, h.password) for h in recent):
            raise ValidationError(f"不能使用最近{self.history}次用过的密码。", code="password_reused")

    def get_help_text(self):
        return f"不能与最近{self.history}次用过的密码相同。"
