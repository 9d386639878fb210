from django.urls import path

from accounts import views

urlpatterns = [
    path("accounts/two-factor/setup/", views.two_factor_setup, name="accounts_two_factor_setup"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="accounts_two_factor_verify"),
    path("accounts/two-factor/", views.two_factor_users, name="accounts_two_factor_users"),
    path("accounts/two-factor/<int:user_id>/reset/", views.two_factor_reset, name="accounts_two_factor_reset"),
    path("accounts/locks/", views.locks, name="accounts_locks"),
]
