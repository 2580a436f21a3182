app_name = "panels_staff"
urlpatterns: list = []
