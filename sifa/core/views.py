from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from . import actions
from .forms import LoginForm
from .steps import put_errors


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.change_own_password(request.user, form.cleaned_data["old_password"],
                                               form.cleaned_data["new_password1"])
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, "密码已修改。")
            return redirect("core:home")
    return render(request, "core/password_change.html", {"form": form})


def home(request):
    from .home import home_context

    return render(request, "core/home.html", home_context(request.user))


@login_not_required
@require_GET
def health(request):
    from django.db import connection
    from django.http import JsonResponse

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "数据库不可用"}, status=503)
    return JsonResponse({"status": "ok"})
