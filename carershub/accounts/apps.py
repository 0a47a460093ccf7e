"""Accounts: staff users, their organisations and roles, sign-in and the acting organisation."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "carershub.accounts"
    label = "accounts"
