from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("", views.BookingList.as_view(), name="booking_list"),
    path("bookings/new/", views.booking_create, name="booking_create"),
    path("bookings/<int:pk>/", views.BookingDetail.as_view(), name="booking_detail"),
    path("bookings/<int:pk>/<slug:step>/", views.BookingDetail.as_view(), name="booking_step"),
    path("rooms/", views.RoomList.as_view(), name="room_list"),
    path("rooms/new/", views.room_create, name="room_create"),
    path("rooms/<int:pk>/", views.RoomDetail.as_view(), name="room_detail"),
    path("rooms/<int:pk>/<slug:step>/", views.RoomDetail.as_view(), name="room_step"),
    path("slots/<int:pk>/", views.SlotDetail.as_view(), name="slot_detail"),
    path("slots/<int:pk>/<slug:step>/", views.SlotDetail.as_view(), name="slot_step"),
]
