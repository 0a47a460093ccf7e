"""Accounts: staff users, their organisations and roles, sign-in and the acting organisation."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "carershub.accounts"
    label = "accounts"

    def ready(self):
        from axes.signals import user_locked_out

        from carershub.accounts.security import on_locked_out

        user_locked_out.connect(
            on_locked_out, dispatch_uid="carershub.accounts.security.on_locked_out"
        )
