import factory
from django.utils import timezone

from offers.models import Service, Tier
from startforlife.publishing import PublicationState


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "A friendly service for families."
    description = "What happens.\n\nWho it is for."
    tier = Tier.UNIVERSAL_PLUS
    category = "parenting_support"
    needs = factory.LazyFunction(lambda: ["parenting"])
    stages = factory.LazyFunction(lambda: ["baby"])
    access_routes = factory.LazyFunction(lambda: ["drop_in"])
    delivery_ways = factory.LazyFunction(lambda: ["hub"])
    languages = factory.LazyFunction(lambda: ["English"])
    publication_state = PublicationState.PUBLISHED
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)


class DraftServiceFactory(ServiceFactory):
    publication_state = PublicationState.DRAFT
    first_published_at = None
    last_published_at = None
