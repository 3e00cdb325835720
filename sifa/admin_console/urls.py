from django.urls import path

from .views import holidays, orgs, population, security, users

app_name = "admin_console"

urlpatterns = [
    path("orgs/", orgs.org_list, name="org_list"),
    path("orgs/new/", orgs.org_create, name="org_create"),
    path("orgs/<int:pk>/", orgs.org_edit, name="org_edit"),
    path("orgs/<int:pk>/active/", orgs.org_set_active, name="org_set_active"),
    path("population/", population.population, name="population"),
    path("holidays/", holidays.holiday_schedules, name="holidays"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    path("users/<int:pk>/password/", users.user_password, name="user_password"),
    path("users/<int:pk>/role-request/", users.user_propose_role, name="user_propose_role"),
    path("roles/", security.role_list, name="role_list"),
    path("roles/<int:pk>/", security.role_change, name="role_change"),
    path("roles/requests/<int:pk>/decide/", security.role_decide, name="role_decide"),
    path("lockouts/", security.lockout_list, name="lockout_list"),
    path("lockouts/<int:pk>/unlock/", security.lockout_unlock, name="lockout_unlock"),
]
