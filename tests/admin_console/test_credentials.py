from django.contrib.auth.password_validation import validate_password

from sifa.admin_console.credentials import GROUPS, generate_password


def test_generated_passwords_pass_the_password_rules_and_differ(db):
    seen = set()
    for _ in range(200):
        password = generate_password()
        validate_password(password)
        assert all(any(c in group for c in password) for group in GROUPS)
        assert not set(password) & set("0O1lI")
        seen.add(password)
    assert len(seen) == 200
