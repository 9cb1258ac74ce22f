from django.urls import path  # noqa: F401 - filled in as pages are added

app_name = "parp"
urlpatterns: list[object] = []
