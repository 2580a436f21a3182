app_name = "hubs_staff"
urlpatterns: list = []
