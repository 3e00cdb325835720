from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "账号或密码不正确。连续失败5次将锁定30分钟。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }
