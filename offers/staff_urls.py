app_name = "offers_staff"
urlpatterns: list = []
