"""Demo content for the offers app, loaded by `python manage.py seed_demo`.

A full, realistic offer for the fictional Brackenford Borough Council: the 6 universal
services, parenting support and 14 Universal+ services, all published. Services are
created once and never overwritten, so a second run (or a staff edit) is left alone.
The mandated reviews arrive with migration 0005; here they are only counted.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from hubs.models import Hub
from offers.models import MandatedReview, Service
from startforlife.models import User
from startforlife.publishing import PublicationState

CENTRAL = "brackenford-central-family-hub"
NORTHGATE = "northgate-family-hub"
RIVERSIDE = "riverside-family-hub"
MAIN_HUBS = [CENTRAL, NORTHGATE, RIVERSIDE]
VIRTUAL = "virtual-family-hub"
ALL_STAGES = ["pregnancy", "newborn", "baby", "toddler"]
AFTER_BIRTH = ["newborn", "baby", "toddler"]
EVERYONE = ["mums", "dads_and_co_parents", "carers", "adoptive_and_foster", "young_parents", "whole_family"]
BRACKENFORD = "Anyone who lives in Brackenford or is registered with a Brackenford GP."

SERVICES = [
    # --- Universal: every family, in every area ---
    {
        "slug": "midwifery",
        "name": "Midwifery",
        "summary": "Midwives look after you and your baby through pregnancy, labour and the first days after birth.",
        "description": (
            "Your midwife sees you about 10 times in pregnancy (7 if you have had a baby before). "
            "They check your health and your baby's growth, offer scans and tests, and help you plan the birth.\n\n"
            "Book as soon as you know you are pregnant, ideally before 10 weeks. You do not need to see a GP first."
        ),
        "tier": "universal",
        "category": "midwifery",
        "needs": ["health"],
        "stages": ["pregnancy", "newborn"],
        "audiences": ["mums", "dads_and_co_parents", "young_parents"],
        "delivery_ways": ["hub", "home", "community"],
        "access_routes": ["self_referral"],
        "min_age_months": -9,
        "max_age_months": 1,
        "languages": ["English", "Polish", "Urdu", "Punjabi"],
        "accessibility": "Interpreters, including British Sign Language, are free. Ask when you book.",
        "phone": "01632 960 101",
        "email": "maternity@brackenford-nhs.example",
        "website": "https://www.brackenford-nhs.example/maternity",
        "bsl": "Book a BSL interpreter by text on 07700 900 101",
        "text_phone": "07700 900 101",
        "schedule": "Antenatal clinics at Brackenford Central Family Hub: Tuesday and Thursday, 9am to 4pm",
        "hubs": MAIN_HUBS,
    },
    {
        "slug": "health-visiting",
        "name": "Health visiting",
        "summary": "Health visitors support you and your baby from late pregnancy until your child starts school.",
        "description": (
            "Your health visitor is a nurse or midwife with extra training. They see every family at 5 "
            "checks (reviews): before birth, at 10 to 14 days, at 6 to 8 weeks, at 1 year and at 2 to 2½ years.\n\n"
            "They help with feeding, sleep, crying, weighing your baby, how you are feeling, and keep "
            "your baby's red book up to date. You can also ask for help at any time."
        ),
        "tier": "universal",
        "category": "health_visiting",
        "needs": ["health", "feeding"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["home", "hub", "telephone"],
        "access_routes": ["automatic", "self_referral"],
        "min_age_months": -3,
        "max_age_months": 60,
        "languages": ["English", "Polish", "Urdu"],
        "phone": "01632 960 102",
        "email": "healthvisiting@brackenford-nhs.example",
        "schedule": (
            "Duty health visitor by phone: Monday to Friday, 9am to 5pm\nBaby clinic (weighing): "
            "Wednesday, 1pm to 3pm at each main family hub"
        ),
        "hubs": MAIN_HUBS,
    },
    {
        "slug": "parent-infant-mental-health",
        "name": "Parent-infant mental health",
        "summary": (
            "Help if you feel low, anxious or not yourself in pregnancy or after birth, and with "
            "bonding with your baby."
        ),
        "description": (
            "Many parents feel low or anxious in pregnancy or after the birth. "
            "It is common and it is not your fault.\n\n"
            "Our perinatal mental health team offers talking support, groups and specialist care, "
            "and helps you and your "
            "baby build a secure bond. Dads and co-parents can get support too."
        ),
        "tier": "universal",
        "category": "perinatal_mental_health",
        "needs": ["feeling-low"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["hub", "home", "online"],
        "access_routes": ["self_referral", "professional_referral"],
        "min_age_months": -9,
        "max_age_months": 24,
        "languages": ["English", "Urdu"],
        "phone": "01632 960 103",
        "email": "perinatal.mentalhealth@brackenford-nhs.example",
        "hubs": [CENTRAL, VIRTUAL],
    },
    {
        "slug": "infant-feeding",
        "name": "Infant feeding support",
        "summary": "Friendly help with breastfeeding, bottle feeding, mixed feeding and starting solid food.",
        "description": (
            "However you feed your baby, we can help: getting a good latch, expressing, tongue-tie, "
            "making up formula safely, and starting solid food at around 6 months.\n\n"
            "Every main family hub has a breastfeeding space you can use at any time it is open."
        ),
        "tier": "universal",
        "category": "infant_feeding",
        "needs": ["feeding"],
        "stages": ["pregnancy", "newborn", "baby"],
        "audiences": ["mums", "dads_and_co_parents", "adoptive_and_foster", "young_parents"],
        "delivery_ways": ["hub", "home", "telephone"],
        "access_routes": ["drop_in", "self_referral"],
        "min_age_months": -3,
        "max_age_months": 12,
        "languages": ["English", "Polish", "Romanian"],
        "phone": "01632 960 104",
        "email": "feeding@brackenford-nhs.example",
        "schedule": "Feeding drop-in: Monday 10am to 12pm (Central), Thursday 1pm to 3pm (Riverside)",
        "hubs": [CENTRAL, RIVERSIDE, "ashby-green-library"],
    },
    {
        "slug": "send-support",
        "name": "Support for babies with special educational needs and disabilities (SEND)",
        "summary": (
            "Early help and a named key worker if your baby is disabled, seriously ill or developing differently."
        ),
        "description": (
            "If your baby has a disability or a serious illness, or you are worried about how they are developing, "
            "our early years SEND team can help. You get a key worker, home visits, play sessions and advice "
            "about short breaks and money.\n\nYou can contact us yourself, or ask your health visitor."
        ),
        "tier": "universal",
        "category": "send",
        "needs": ["development"],
        "stages": AFTER_BIRTH,
        "audiences": EVERYONE,
        "delivery_ways": ["home", "hub"],
        "access_routes": ["self_referral", "professional_referral"],
        "min_age_months": 0,
        "max_age_months": 60,
        "languages": ["English"],
        "accessibility": "Changing Places toilet and sensory room at Brackenford Central Family Hub.",
        "phone": "01632 960 105",
        "email": "earlyyears.send@brackenford.example",
        "hubs": [CENTRAL, NORTHGATE],
    },
    {
        "slug": "safeguarding",
        "name": "Keeping babies safe (safeguarding)",
        "summary": "If you are worried that a baby or child is being hurt or neglected, tell us and we will help.",
        "description": (
            "Anyone can contact us if they are worried about a child, including parents who are finding "
            "things hard. We will listen and work with you to keep your baby safe.\n\n"
            "If a child is in danger now, call 999."
        ),
        "tier": "universal",
        "category": "safeguarding",
        "needs": ["safety"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["telephone", "home"],
        "access_routes": ["self_referral", "professional_referral"],
        "languages": ["English"],
        "phone": "01632 960 106",
        "email": "childrensfrontdoor@brackenford.example",
        "schedule": "Phone lines open 24 hours a day, every day",
    },
    # --- Parenting support, at the heart of the offer ---
    {
        "slug": "parenting-support",
        "name": "Parenting courses and support",
        "summary": "Free courses and one-to-one support to help you enjoy being a parent and feel more confident.",
        "description": (
            "Courses include Getting Ready for Baby (in pregnancy), Baby and Me (for parents of babies under 1) and "
            "Understanding Your Toddler. Partners are welcome. Crèche places are free.\n\n"
            "If you would rather talk one to one, a family support worker can visit you at home."
        ),
        "tier": "universal",
        "category": "parenting_support",
        "needs": ["parenting"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["hub", "online", "home"],
        "access_routes": ["self_referral"],
        "min_age_months": -6,
        "max_age_months": 36,
        "languages": ["English", "Polish", "Urdu", "Arabic"],
        "phone": "01632 960 107",
        "email": "parenting@brackenford.example",
        "schedule": "New courses start every January, April and September",
        "hubs": MAIN_HUBS + [VIRTUAL],
    },
    # --- Universal+: tailored to Brackenford's needs ---
    {
        "slug": "breastfeeding-peer-support",
        "name": "Breastfeeding peer supporters",
        "summary": "Trained local mums who have breastfed themselves and can help you get started and keep going.",
        "description": (
            "Peer supporters visit you in hospital, call you at home and run friendly groups at family hubs."
        ),
        "category": "peer_support",
        "needs": ["feeding", "parenting"],
        "stages": ["pregnancy", "newborn", "baby"],
        "audiences": ["mums", "young_parents"],
        "delivery_ways": ["hub", "telephone", "community"],
        "access_routes": ["drop_in", "self_referral"],
        "languages": ["English", "Polish", "Bengali"],
        "phone": "01632 960 111",
        "text_phone": "07700 900 111",
        "schedule": "Bumps and Babies feeding group: Friday, 10am to 11:30am at Northgate Family Hub",
        "hubs": [NORTHGATE, "millbrook-community-centre"],
    },
    {
        "slug": "dads-and-co-parents-group",
        "name": "Dads and co-parents group",
        "summary": (
            "A relaxed Saturday group where dads, partners and co-parents meet, play with their baby and share tips."
        ),
        "description": "Come with your baby or bump. Tea, toast and no pressure to talk. Run by dads, for dads.",
        "category": "peer_support",
        "needs": ["parenting"],
        "stages": ALL_STAGES,
        "audiences": ["dads_and_co_parents"],
        "delivery_ways": ["hub", "online"],
        "access_routes": ["drop_in"],
        "languages": ["English"],
        "email": "dads@brackenford.example",
        "schedule": "Saturday, 10am to 12pm, every week (not bank holidays)",
        "hubs": [RIVERSIDE, VIRTUAL],
    },
    {
        "slug": "stop-smoking-in-pregnancy",
        "name": "Stop smoking in pregnancy",
        "summary": "Free support and nicotine replacement to help you and the people you live with stop smoking.",
        "description": (
            "Stopping smoking is one of the best things you can do for your baby. An adviser sees you every week, "
            "gives you free patches, gum or a vape, and shopping vouchers when you stay smoke-free."
        ),
        "category": "stop_smoking",
        "needs": ["smoking", "health"],
        "stages": ["pregnancy", "newborn"],
        "audiences": ["mums", "dads_and_co_parents", "whole_family"],
        "delivery_ways": ["hub", "telephone", "home"],
        "access_routes": ["self_referral", "professional_referral"],
        "min_age_months": -9,
        "max_age_months": 3,
        "languages": ["English", "Urdu"],
        "phone": "01632 960 112",
        "text_phone": "07700 900 112",
        "hubs": MAIN_HUBS,
    },
    {
        "slug": "drug-and-alcohol-support",
        "name": "Drug and alcohol support for parents",
        "summary": "Confidential help if you or your partner are worried about drinking or drugs.",
        "description": (
            "A specialist midwife and recovery workers support you without judgement, in pregnancy and after."
        ),
        "category": "drugs_and_alcohol",
        "needs": ["smoking", "safety"],
        "stages": ALL_STAGES,
        "audiences": ["mums", "dads_and_co_parents", "young_parents"],
        "delivery_ways": ["hub", "home", "telephone"],
        "access_routes": ["self_referral", "professional_referral"],
        "languages": ["English"],
        "phone": "01632 960 113",
        "hubs": [CENTRAL],
    },
    {
        "slug": "speech-and-language",
        "name": "Speech and language: Chatter Tots",
        "summary": "Play sessions and advice to help your baby and toddler understand, babble and start talking.",
        "description": (
            "Speech and language therapists run Chatter Tots groups and can see your child if you are worried."
        ),
        "category": "early_language",
        "needs": ["development"],
        "stages": ["baby", "toddler"],
        "audiences": EVERYONE,
        "delivery_ways": ["hub", "community"],
        "access_routes": ["drop_in", "self_referral", "professional_referral"],
        "min_age_months": 6,
        "max_age_months": 36,
        "languages": ["English", "Polish", "Urdu"],
        "phone": "01632 960 114",
        "schedule": "Chatter Tots: Tuesday, 10am to 11am at Hollins Children's Centre",
        "hubs": ["hollins-childrens-centre", NORTHGATE],
    },
    {
        "slug": "debt-and-money-advice",
        "name": "Debt and money advice",
        "summary": "Free, private advice on debt, benefits, bills and the cost of a new baby.",
        "description": (
            "An adviser can check you get every benefit you are entitled to, including the Sure Start Maternity Grant "
            "and Healthy Start vouchers, and help you deal with debts and bills."
        ),
        "category": "money",
        "needs": ["money"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["hub", "telephone", "online"],
        "access_routes": ["self_referral", "drop_in"],
        "languages": ["English", "Polish", "Arabic"],
        "phone": "01632 960 115",
        "email": "moneyadvice@brackenford.example",
        "schedule": "Drop-in: Monday, 1pm to 4pm at Brackenford Central Family Hub",
        "hubs": [CENTRAL, "east-marsh-village-hall"],
    },
    {
        "slug": "domestic-abuse-support",
        "name": "Domestic abuse support",
        "summary": "Safe, confidential help if a partner or family member hurts, controls or frightens you.",
        "description": (
            "Our advisers listen, help you make a safety plan and support you whatever you decide. "
            "You can talk to us without anyone else knowing.\n\nIf you are in danger now, call 999."
        ),
        "category": "domestic_abuse",
        "needs": ["safety"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["telephone", "hub", "online"],
        "access_routes": ["self_referral", "professional_referral"],
        "languages": ["English", "Urdu", "Punjabi", "Polish"],
        "phone": "01632 960 116",
        "text_phone": "07700 900 116",
        "schedule": "Helpline: every day, 8am to 8pm",
    },
    {
        "slug": "housing-advice",
        "name": "Housing advice for families",
        "summary": "Help if you are homeless, may lose your home, or your home is cold, damp or overcrowded.",
        "description": "Housing officers at family hubs help with applications, repairs and keeping your home.",
        "category": "housing",
        "needs": ["housing", "money"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["hub", "telephone"],
        "access_routes": ["self_referral", "drop_in"],
        "languages": ["English"],
        "phone": "01632 960 117",
        "email": "housing.options@brackenford.example",
        "hubs": [CENTRAL, NORTHGATE],
    },
    {
        "slug": "stay-and-play",
        "name": "Stay and play",
        "summary": "Friendly play sessions for babies and toddlers with their grown-ups, led by volunteers.",
        "description": "Messy play, songs and stories. Meet other families and ask staff for advice. No need to book.",
        "category": "play_and_learning",
        "needs": ["parenting", "development"],
        "stages": ["baby", "toddler"],
        "audiences": EVERYONE,
        "delivery_ways": ["hub", "community"],
        "access_routes": ["drop_in"],
        "is_free": False,
        "cost": "£1 a session, free with Healthy Start",
        "languages": ["English"],
        "schedule": "Monday to Friday, 9:30am to 11am at every main family hub",
        "hubs": MAIN_HUBS + ["ashby-green-library", "millbrook-community-centre"],
    },
    {
        "slug": "toy-library",
        "name": "Toy library",
        "summary": "Borrow toys, books and baby equipment for free, and swap them when your baby grows.",
        "category": "play_and_learning",
        "needs": ["development", "money"],
        "stages": ["baby", "toddler"],
        "audiences": EVERYONE,
        "delivery_ways": ["community"],
        "access_routes": ["drop_in"],
        "languages": ["English"],
        "schedule": "Saturday, 10am to 1pm at Ashby Green Library",
        "hubs": ["ashby-green-library"],
    },
    {
        "slug": "home-learning",
        "name": "Home learning: Little Steps",
        "summary": (
            "A home visitor shows you simple games and reading that help your baby learn, using things "
            "you already have."
        ),
        "category": "early_language",
        "needs": ["development", "parenting"],
        "stages": ["baby", "toddler"],
        "audiences": EVERYONE,
        "delivery_ways": ["home"],
        "access_routes": ["self_referral", "professional_referral"],
        "languages": ["English", "Urdu"],
        "phone": "01632 960 118",
    },
    {
        "slug": "birth-registration",
        "name": "Register your baby's birth",
        "summary": "Register your baby's birth at a family hub, within 42 days of the birth.",
        "description": "Book an appointment with the registrar. Both parents can come. There is no charge to register.",
        "category": "birth_registration",
        "needs": ["health"],
        "stages": ["newborn"],
        "audiences": EVERYONE,
        "delivery_ways": ["hub"],
        "access_routes": ["self_referral"],
        "min_age_months": 0,
        "max_age_months": 2,
        "languages": ["English"],
        "phone": "01632 960 119",
        "website": "https://www.brackenford.example/register-a-birth",
        "hubs": [CENTRAL],
    },
    {
        "slug": "community-transport",
        "name": "Ring and Ride to appointments",
        "summary": "A minibus that takes families in the villages to antenatal appointments and family hubs.",
        "category": "transport",
        "needs": ["health", "money"],
        "stages": ALL_STAGES,
        "audiences": EVERYONE,
        "delivery_ways": ["community"],
        "access_routes": ["self_referral"],
        "eligibility": "Families living in the rural east of the borough, without a car.",
        "languages": ["English"],
        "phone": "01632 960 120",
        "schedule": "Book by 12pm the day before",
        "hubs": ["east-marsh-village-hall"],
    },
    {
        "slug": "young-parents-group",
        "name": "Young parents group",
        "summary": (
            "A weekly group for parents aged 25 and under, with lunch, a crèche and help with college and money."
        ),
        "category": "peer_support",
        "needs": ["parenting", "feeling-low"],
        "stages": ALL_STAGES,
        "audiences": ["young_parents"],
        "delivery_ways": ["hub"],
        "access_routes": ["drop_in", "self_referral"],
        "eligibility": "Parents and parents-to-be aged 25 and under.",
        "languages": ["English"],
        "phone": "01632 960 121",
        "schedule": "Wednesday, 12pm to 2pm at Riverside Family Hub",
        "hubs": [RIVERSIDE],
    },
    {
        "slug": "baby-massage",
        "name": "Baby massage",
        "summary": "A 5-week course to help you relax with your baby, ease wind and colic, and feel closer.",
        "category": "parenting_support",
        "needs": ["feeling-low", "parenting"],
        "stages": ["newborn", "baby"],
        "audiences": EVERYONE,
        "delivery_ways": ["hub"],
        "access_routes": ["self_referral"],
        "min_age_months": 1,
        "max_age_months": 6,
        "languages": ["English"],
        "phone": "01632 960 122",
        "status": "temporarily_closed",
        "status_message": "Baby massage is paused while we train new staff. New courses start in the spring.",
        "hubs": [NORTHGATE],
    },
]


@transaction.atomic
def seed(log) -> None:
    now = timezone.now()
    owner = User.objects.filter(email="publisher@brackenford.example").first()
    created = 0
    for index, data in enumerate(SERVICES):
        fields = {k: v for k, v in data.items() if k not in ("slug", "hubs")}
        service, was_created = Service.objects.get_or_create(
            slug=data["slug"],
            defaults={
                **fields,
                "publication_state": PublicationState.PUBLISHED,
                "first_published_at": now - timedelta(days=120),
                "last_published_at": now - timedelta(days=index + 3),
                "last_reviewed": (now - timedelta(days=index * 4 + 5)).date(),
                "owner": owner,
            },
        )
        created += was_created
        # Only the hubs that exist (hubs' seed may not have run) and are not linked yet.
        missing = Hub.objects.filter(slug__in=data.get("hubs", [])).exclude(services=service)
        if missing.exists():
            service.hubs.add(*missing)
    log(f"Services: {len(SERVICES)} ({created} new); mandated reviews: {MandatedReview.objects.count()}")
