import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_check_is_ok_when_the_database_answers(anon_client):
    response = anon_client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


@pytest.mark.django_db
def test_health_check_is_unavailable_when_the_database_does_not_answer(anon_client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("startforlife.views.connection.cursor", unreachable)

    response = anon_client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] is False
