import pytest
from django.urls import reverse

from panels.models import EqualityResponse, MemberStatus, PopulationFigure
from panels.reports import SUPPRESSED, suppress
from tests.panels.factories import FeedbackFactory, MemberFactory, ServiceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def panel_with(ethnicities: dict[str, int], status=MemberStatus.ACTIVE):
    for ethnicity, count in ethnicities.items():
        for _ in range(count):
            member = MemberFactory(status=status)
            EqualityResponse.objects.create(token=member.equality_token, ethnicity=ethnicity, parent_role="mum")


def ethnicity_rows(leader_client) -> dict:
    response = leader_client.get(reverse("panels_staff:reports"))
    section = next(s for s in response.context["representation"] if s["question"] == "What is your ethnic group?")
    return {row["label"]: row for row in section["rows"]}


def test_counts_from_1_to_4_are_suppressed(leader_client):
    panel_with({"white_british": 12, "asian_pakistani": 6, "black_african": 2, "white_irish": 1})
    rows = ethnicity_rows(leader_client)
    assert rows["English, Welsh, Scottish, Northern Irish or British"]["count"] == 12
    assert rows["Pakistani"]["count"] == 6
    assert rows["African"]["count"] == SUPPRESSED
    assert rows["Irish"]["count"] == SUPPRESSED
    assert rows["African"]["percent"] is None
    assert rows["Chinese"]["count"] == 0
    html = leader_client.get(reverse("panels_staff:reports")).content.decode()
    assert "fewer than 5" in html


def test_a_lone_small_count_cannot_be_worked_out_from_the_total(leader_client):
    panel_with({"white_british": 12, "asian_pakistani": 6, "black_african": 2})
    rows = ethnicity_rows(leader_client)
    # 20 answered; hiding only "African" would let anyone subtract 12 and 6 from 20.
    assert rows["African"]["count"] == SUPPRESSED
    assert rows["Pakistani"]["count"] == SUPPRESSED
    assert rows["English, Welsh, Scottish, Northern Irish or British"]["count"] == 12


def test_suppress_leaves_big_counts_and_zeros():
    assert suppress({"a": 10, "b": 0, "c": 7}) == {"a": 10, "b": 0, "c": 7}
    assert suppress({"a": 10, "b": 3, "c": 4}) == {"a": 10, "b": None, "c": None}


def test_a_small_panel_hides_its_total(leader_client):
    panel_with({"white_british": 3})
    response = leader_client.get(reverse("panels_staff:reports"))
    assert response.context["panel_total"] == SUPPRESSED


def test_only_active_members_count(leader_client):
    panel_with({"white_british": 6})
    panel_with({"black_caribbean": 7}, status=MemberStatus.INACTIVE)
    assert ethnicity_rows(leader_client)["Caribbean"]["count"] == 0


def test_the_report_compares_with_local_figures(leader_client):
    panel_with({"white_british": 6})
    PopulationFigure.objects.create(question="ethnicity", answer="white_british", percentage=71)
    assert ethnicity_rows(leader_client)["English, Welsh, Scottish, Northern Irish or British"]["population"] == 71


def test_feedback_volume_and_ratings_by_service_and_theme(leader_client):
    service = ServiceFactory(name="Midwifery")
    theme = ThemeFactory(name="Waiting times")
    for rating in (2, 4):
        FeedbackFactory(service=service, rating=rating).themes.add(theme)
    FeedbackFactory(service=service, rating=5, status="hidden")
    response = leader_client.get(reverse("panels_staff:reports"))
    by_service = {bar.label: bar for bar in response.context["by_service"]}
    assert (by_service["Midwifery"].value, by_service["Midwifery"].average_rating) == (2, 3.0)
    assert response.context["by_theme"][0].label == "Waiting times"
    html = response.content.decode()
    assert 'role="img"' in html and "<table" in html


def test_the_csv_has_aggregates_with_suppression_and_no_formulas(leader_client):
    panel_with({"white_british": 12, "black_african": 2, "asian_pakistani": 6})
    FeedbackFactory(service=ServiceFactory(name="=HYPERLINK(evil)"))
    response = leader_client.get(reverse("panels_staff:reports_csv"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "fewer than 5" in text
    assert "'=HYPERLINK(evil)" in text
    assert "Member Person" not in text


def test_the_coordinator_enters_local_figures(coordinator_client):
    url = reverse("panels_staff:population")
    data = {"question": "ethnicity", "answer": "white_british", "percentage": "71.5", "source": "Census 2021"}
    assert coordinator_client.post(url, data).status_code == 302
    coordinator_client.post(url, {**data, "percentage": "70"})  # a second time updates
    assert PopulationFigure.objects.get().percentage == 70
    wrong = coordinator_client.post(url, {**data, "answer": "dad"}).content.decode()
    assert "Select an answer that belongs to the question" in wrong
    too_big = coordinator_client.post(url, {**data, "percentage": "150"}).content.decode()
    assert "Error: " in too_big
