from django.urls import path

from partnerdesk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.account, name="account"),
    path("me/tokens/", views.token_create, name="token-create"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("nation/", views.switch_nation, name="switch-nation"),
    path("users/", views.user_list, name="list"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/<int:pk>/active/", views.user_set_active, name="user-set-active"),
]
