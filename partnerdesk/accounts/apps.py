from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, roles, nation assignments and API tokens."""

    name = "partnerdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts"
