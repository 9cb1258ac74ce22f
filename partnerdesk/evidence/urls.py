from django.urls import path

from partnerdesk.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("search/", views.search_page, name="search"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/raw/", views.document_raw, name="raw"),
    path("facts/<int:pk>/review/", views.review, name="review"),
]
