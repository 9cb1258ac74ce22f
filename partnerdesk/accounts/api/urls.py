from django.urls import path
from rest_framework.routers import SimpleRouter

from partnerdesk.accounts.api.views import UserViewSet, me

router = SimpleRouter()
router.register("users", UserViewSet, basename="user")
urlpatterns = [path("me/", me, name="api-me"), *router.urls]
