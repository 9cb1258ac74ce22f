from django.urls import path

from partnerdesk.core.web import views

app_name = "core"
urlpatterns = [
    path("", views.change_list, name="changes"),
]
