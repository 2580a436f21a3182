import uuid

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from hubs.models import Hub
from offers.models import Service
from panels.models import (
    TEXT_LIMIT,
    AccessNeed,
    Action,
    ActionStatus,
    Area,
    Ask,
    AskKind,
    Connection,
    EqualityResponse,
    Feedback,
    FeedbackStatus,
    Meeting,
    Member,
    MemberStatus,
    PopulationFigure,
    Support,
    Theme,
    Topic,
)
from startforlife.forms import BaseForm, BaseModelForm

SAFEGUARDING_PANEL = HTML('{% include "panels/includes/safeguarding_panel.html" %}')
# Bots fill in every field; people never see this one (hidden by CSS, skipped by keyboard).
HONEYPOT = HTML(
    '<div class="app-honeypot" aria-hidden="true"><label for="id_website">Leave this empty</label>'
    '<input type="text" name="website" id="id_website" tabindex="-1" autocomplete="off"></div>'
)
RATINGS = [("5", "Very good"), ("4", "Good"), ("3", "OK"), ("2", "Poor"), ("1", "Very poor")]
phone_validator = RegexValidator(r"^[0-9+() -]{7,30}$", "Enter a telephone number, like 01632 960 001")


def clean_text(value: str) -> str:
    # Control characters have no business in feedback and break some mail clients.
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()


class SpamResistantForm(BaseForm):
    website = forms.CharField(required=False)  # the honeypot
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class FeedbackForm(SpamResistantForm):
    topic = forms.ChoiceField(
        label="What is your feedback about?",
        choices=Topic.choices,
        widget=forms.RadioSelect,
        initial=Topic.GENERAL,
        error_messages={"required": "Select what your feedback is about"},
    )
    worried_about_child = forms.BooleanField(
        label="I'm worried about a child's safety",
        required=False,
        help_text="Tick this and we will pass your message to the council's safeguarding team today.",
    )
    what_worked = forms.CharField(
        label="What worked well?",
        required=False,
        # (crispy-forms-gds's character count needs a hint to describe the field)
        help_text="For example, someone who helped you or something that was easy.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={"max_length": f"What worked well must be {TEXT_LIMIT} characters or fewer"},
    )
    could_be_better = forms.CharField(
        label="What could be better?",
        required=False,
        help_text="If something on the page is wrong, tell us what it should say.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={"max_length": f"What could be better must be {TEXT_LIMIT} characters or fewer"},
    )
    rating = forms.TypedChoiceField(
        label="Overall, how would you rate it? (optional)",
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    contact_consent = forms.BooleanField(
        label="You may contact me about my feedback",
        required=False,
        help_text="Optional. We will not contact you otherwise.",
    )
    contact_name = forms.CharField(label="Your name (optional)", required=False, max_length=200)
    contact_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    contact_phone = forms.CharField(
        label="Telephone (optional)", required=False, max_length=30, validators=[phone_validator]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "submission_token",
            HONEYPOT,
            Field.radios("topic", legend_size=Size.MEDIUM),
            SAFEGUARDING_PANEL,
            Field.checkbox("worried_about_child"),
            Field.textarea("what_worked", rows=4, max_characters=TEXT_LIMIT),
            Field.textarea("could_be_better", rows=4, max_characters=TEXT_LIMIT),
            Field.radios("rating", legend_size=Size.MEDIUM, inline=False),
            Fieldset(
                Field.checkbox("contact_consent"),
                Field.text("contact_name", field_width=20),
                Field.text("contact_email", field_width=20),
                Field.text("contact_phone", field_width=20),
                legend="Can we contact you?",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean_what_worked(self):
        return clean_text(self.cleaned_data["what_worked"])

    def clean_could_be_better(self):
        return clean_text(self.cleaned_data["could_be_better"])

    def clean_contact_name(self):
        return clean_text(self.cleaned_data["contact_name"])

    def clean(self):
        data = super().clean()
        if not self.errors and not (
            data.get("what_worked") or data.get("could_be_better") or data.get("worried_about_child")
        ):
            self.add_error("could_be_better", "Enter your feedback")
        if data.get("contact_consent") and not (data.get("contact_email") or data.get("contact_phone")):
            self.add_error("contact_email", "Enter an email address or telephone number so we can contact you")
        return data

    def feedback_data(self) -> dict:
        fields = (
            "topic",
            "worried_about_child",
            "what_worked",
            "could_be_better",
            "rating",
            "contact_consent",
            "contact_name",
            "contact_email",
            "contact_phone",
        )
        data = {name: self.cleaned_data[name] for name in fields}
        if not data["contact_consent"]:
            # Without consent we keep no contact details at all.
            data.update(contact_name="", contact_email="", contact_phone="")
        return data


class ApplicationForm(SpamResistantForm, BaseModelForm):
    connection = forms.ChoiceField(
        label="How are you connected to babies and young children?",
        choices=Connection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you are connected to babies and young children"},
    )
    area = forms.ChoiceField(
        label="Where in the borough do you live?",
        choices=Area.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where you live"},
    )
    access_needs = forms.MultipleChoiceField(
        label="What would help you come to meetings? (optional)",
        choices=AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(
        label="I have read the panel's privacy notice and agree to the council keeping these details",
        error_messages={"required": "Confirm you have read the privacy notice"},
    )

    class Meta:
        model = Member
        fields = [
            "full_name",
            "email",
            "phone",
            "connection",
            "area",
            "access_needs",
            "access_needs_other",
            "preferred_language",
        ]
        labels = {
            "full_name": "Full name",
            "email": "Email address",
            "phone": "Telephone",
            "access_needs_other": "Anything else we should know? (optional)",
            "preferred_language": "Which language would you like us to use? (optional)",
        }
        error_messages = {
            "full_name": {
                "required": "Enter your full name",
                "max_length": "Full name must be 200 characters or fewer",
            },
            "email": {"invalid": "Enter an email address in the correct format, like name@example.com"},
            "access_needs_other": {"max_length": "Anything else must be 500 characters or fewer"},
            "preferred_language": {"max_length": "Language must be 100 characters or fewer"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "We send meeting invitations and your link to sign in here."
        self.fields["phone"].help_text = "Give an email address, a telephone number or both."
        self.fields["phone"].validators.append(phone_validator)
        self.helper.layout = Layout(
            "submission_token",
            HONEYPOT,
            Field.text("full_name", field_width=20, autocomplete="name"),
            Field.text("email", field_width=20, autocomplete="email", spellcheck=False),
            Field.text("phone", field_width=20, autocomplete="tel"),
            Field.radios("connection", legend_size=Size.MEDIUM),
            Field.radios("area", legend_size=Size.MEDIUM),
            Field.checkboxes("access_needs", legend_size=Size.MEDIUM),
            Field.text("access_needs_other"),
            Field.text("preferred_language", field_width=20),
            Field.checkbox("consent"),
        )

    def clean_full_name(self):
        name = clean_text(self.cleaned_data["full_name"])
        if not name:
            raise ValidationError("Enter your full name")
        return name

    def clean_access_needs_other(self):
        return clean_text(self.cleaned_data["access_needs_other"])

    def clean(self):
        data = super().clean()
        if not self.errors.get("email") and not data.get("email") and not data.get("phone"):
            self.add_error("email", "Enter an email address or a telephone number")
        return data

    def clean_preferred_language(self):
        return clean_text(self.cleaned_data["preferred_language"])


# ONS 2021 Census ethnic groups (England and Wales), 19 categories in 5 groups.
ETHNICITY_CHOICES = [
    (
        "Asian, Asian British or Asian Welsh",
        [
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_other", "Any other Asian background"),
        ],
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        [
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            ("black_other", "Any other Black, Black British, or Caribbean background"),
        ],
    ),
    (
        "Mixed or Multiple ethnic groups",
        [
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_other", "Any other Mixed or Multiple ethnic background"),
        ],
    ),
    (
        "White",
        [
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Any other White background"),
        ],
    ),
    (
        "Other ethnic group",
        [
            ("other_arab", "Arab"),
            ("other_any", "Any other ethnic group"),
        ],
    ),
]
PREFER_NOT = ("prefer_not", "Prefer not to say")

EQUALITY_QUESTIONS = {
    "parent_role": (
        "Which best describes you?",
        [
            ("mum", "Mum"),
            ("dad", "Dad"),
            ("co_parent", "Co-parent"),
            ("carer", "Carer"),
            ("grandparent", "Grandparent"),
            ("adoptive", "Adoptive parent"),
            ("foster", "Foster carer"),
            PREFER_NOT,
        ],
    ),
    "age_band": (
        "How old are you?",
        [
            ("under_20", "Under 20"),
            ("20_24", "20 to 24"),
            ("25_34", "25 to 34"),
            ("35_44", "35 to 44"),
            ("45_plus", "45 or over"),
            PREFER_NOT,
        ],
    ),
    "ethnicity": (
        "What is your ethnic group?",
        [(value, label) for _, options in ETHNICITY_CHOICES for value, label in options] + [PREFER_NOT],
    ),
    "disability": (
        "Do you consider yourself to be disabled?",
        [("yes", "Yes"), ("no", "No"), PREFER_NOT],
    ),
    "lgbt": (
        "Do you consider yourself to be lesbian, gay, bisexual, transgender or another LGBT+ identity?",
        [("yes", "Yes"), ("no", "No"), PREFER_NOT],
    ),
    "first_language": (
        "Is English your first language?",
        [("english", "Yes"), ("other", "No"), PREFER_NOT],
    ),
}


def equality_label(question: str, value: str) -> str:
    return dict(EQUALITY_QUESTIONS[question][1]).get(value, value)


class EqualityForm(BaseModelForm):
    class Meta:
        model = EqualityResponse
        fields = list(EQUALITY_QUESTIONS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, choices) in EQUALITY_QUESTIONS.items():
            if name == "ethnicity":
                grouped = [(group, options) for group, options in ETHNICITY_CHOICES] + [("", [PREFER_NOT])]
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=[("", "Select an option"), *grouped], required=False
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=choices, required=False, widget=forms.RadioSelect
                )
        self.helper.layout = Layout(
            *[
                Field.select(name) if name == "ethnicity" else Field.radios(name, legend_size=Size.SMALL)
                for name in EQUALITY_QUESTIONS
            ]
        )


# --- Staff forms ------------------------------------------------------------------------------


class DecisionForm(BaseForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            (MemberStatus.ACTIVE, "Accept"),
            (MemberStatus.WAITLISTED, "Put on the waiting list"),
            (MemberStatus.DECLINED, "Decline"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you decline or put someone on the waiting list. The applicant may ask to see it.",
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in (MemberStatus.DECLINED, MemberStatus.WAITLISTED)
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", "Enter a reason")
        return data


class ModerationForm(BaseModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(is_active=True), required=False, widget=forms.CheckboxSelectMultiple
    )
    service = forms.ModelChoiceField(queryset=Service.objects.all(), required=False, label="Service")
    hub = forms.ModelChoiceField(queryset=Hub.objects.all(), required=False, label="Family hub")
    status = forms.ChoiceField(choices=FeedbackStatus.choices, widget=forms.RadioSelect, label="Status")

    class Meta:
        model = Feedback
        fields = ["status", "themes", "service", "hub", "redacted_text", "hidden_reason"]
        labels = {
            "redacted_text": "Redacted text",
            "hidden_reason": "Why it is hidden",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.initial.get("redacted_text") and self.instance.pk:
            self.initial["redacted_text"] = self.instance.shareable_text()
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.checkboxes("themes", legend_size=Size.SMALL, small=True),
            Field.select("service"),
            Field.select("hub"),
            Field.textarea("redacted_text", rows=8),
            Field.text("hidden_reason"),
        )

    def clean(self):
        data = super().clean()
        if data.get("status") == FeedbackStatus.HIDDEN and not data.get("hidden_reason", "").strip():
            self.add_error("hidden_reason", "Enter why the feedback is hidden")
        return data


class ThemeForm(BaseModelForm):
    class Meta:
        model = Theme
        fields = ["name"]
        labels = {"name": "New theme"}
        error_messages = {"name": {"required": "Enter a theme", "unique": "That theme already exists"}}


class PhraseForm(BaseForm):
    phrase = forms.CharField(
        label="New phrase",
        max_length=100,
        error_messages={"required": "Enter a phrase", "max_length": "Phrase must be 100 characters or fewer"},
    )


class SignOffForm(BaseForm):
    outcome = forms.CharField(
        label="What was done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was done about this concern"},
    )


# --- Asks, meetings, actions ------------------------------------------------------------------

DATETIME_HINT = "For example, 2026-12-01 18:30"


class AskForm(BaseModelForm):
    choices_text = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For choose one or choose any: one option a line.",
    )

    class Meta:
        model = Ask
        fields = ["title", "question", "kind", "service", "hub", "opens_at", "closes_at"]
        labels = {"opens_at": "Opens", "closes_at": "Closes", "kind": "Type of answer", "hub": "Family hub"}
        help_texts = {
            "opens_at": DATETIME_HINT,
            "closes_at": DATETIME_HINT,
            "service": "Optional: the service it is about.",
            "question": "Plain words. If you are asking about a draft change, paste it here.",
        }
        widgets = {"kind": forms.RadioSelect, "question": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "title": {"required": "Enter a title"},
            "question": {"required": "Enter the question"},
            "kind": {"required": "Select the type of answer"},
            "opens_at": {"required": "Enter when it opens", "invalid": "Enter a date and time, like 2026-12-01 18:30"},
            "closes_at": {
                "required": "Enter when it closes",
                "invalid": "Enter a date and time, like 2026-12-01 18:30",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AskKind.choices
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(self.instance.choices)

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in data.get("choices_text", "").splitlines() if line.strip()]
        if data.get("kind") in (AskKind.SINGLE, AskKind.MULTIPLE) and len(options) < 2:
            self.add_error("choices_text", "Enter at least 2 options, one a line")
        if any(len(option) > 200 for option in options):
            self.add_error("choices_text", "Each option must be 200 characters or fewer")
        data["choices"] = options if data.get("kind") in (AskKind.SINGLE, AskKind.MULTIPLE) else []
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The closing time must be after the opening time")
        return data

    def save(self, commit=True):
        self.instance.choices = self.cleaned_data["choices"]
        return super().save(commit)


class AnswerForm(BaseForm):
    """Built for one ask: the field the ask needs, after the safeguarding panel."""

    def __init__(self, *args, ask: Ask, **kwargs):
        super().__init__(*args, **kwargs)
        self.ask = ask
        if ask.kind == AskKind.FREE_TEXT:
            self.fields["text"] = forms.CharField(
                label="Your answer",
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="Say as much or as little as you like.",
                error_messages={
                    "required": "Enter your answer",
                    "max_length": f"Your answer must be {TEXT_LIMIT} characters or fewer",
                },
            )
            field = Field.textarea("text", rows=6, max_characters=TEXT_LIMIT)
        elif ask.kind == AskKind.SINGLE:
            self.fields["selected"] = forms.ChoiceField(
                label="Your answer",
                choices=[(c, c) for c in ask.choices],
                widget=forms.RadioSelect,
                error_messages={"required": "Select an answer"},
            )
            field = Field.radios("selected", legend_size=Size.SMALL)
        elif ask.kind == AskKind.MULTIPLE:
            self.fields["selected"] = forms.MultipleChoiceField(
                label="Your answer (choose all that apply)",
                choices=[(c, c) for c in ask.choices],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": "Select at least one answer"},
            )
            field = Field.checkboxes("selected", legend_size=Size.SMALL)
        else:
            self.fields["rating"] = forms.TypedChoiceField(
                label="Your rating",
                choices=RATINGS,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Select a rating"},
            )
            field = Field.radios("rating", legend_size=Size.SMALL)
        self.fields["comment"] = forms.CharField(
            label="Anything to add? (optional)",
            required=False,
            max_length=TEXT_LIMIT,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": f"Your comment must be {TEXT_LIMIT} characters or fewer"},
        )
        self.fields["worried_about_child"] = forms.BooleanField(
            label="I'm worried about a child's safety", required=False
        )
        self.helper.layout = Layout(
            SAFEGUARDING_PANEL, Field.checkbox("worried_about_child"), field, Field.textarea("comment", rows=3)
        )

    def clean_text(self):
        return clean_text(self.cleaned_data["text"])

    def clean_comment(self):
        return clean_text(self.cleaned_data["comment"])

    def answer_values(self) -> dict:
        data = self.cleaned_data
        text = data.get("text", "")
        if data.get("comment"):
            text = f"{text}\n\n{data['comment']}".strip()
        selected = data.get("selected", [])
        return {
            "text": text,
            "selected": [selected] if isinstance(selected, str) else list(selected),
            "rating": data.get("rating"),
        }


class MeetingForm(BaseModelForm):
    online_link = forms.URLField(
        label="Online link (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://meet.example/panel"},
    )
    support_offered = forms.MultipleChoiceField(
        label="Support offered so anyone can come",
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendees = forms.ModelMultipleChoiceField(
        label="Who came",
        queryset=Member.objects.roster(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "place", "online_link", "agenda", "support_offered", "attendees", "minutes"]
        labels = {"starts_at": "Date and time", "online_link": "Online link (optional)", "place": "Place (optional)"}
        help_texts = {"starts_at": DATETIME_HINT}
        error_messages = {
            "title": {"required": "Enter a title"},
            "starts_at": {
                "required": "Enter the date and time",
                "invalid": "Enter a date and time, like 2026-12-01 18:30",
            },
            "online_link": {"invalid": "Enter a web address, like https://meet.example/panel"},
        }

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_link") and not self.errors:
            self.add_error("place", "Enter a place or an online link")
        return data


class ActionForm(BaseModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(is_active=True), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Action
        fields = [
            "you_said",
            "we_did",
            "status",
            "why_not_possible",
            "changed_on",
            "service",
            "hub",
            "themes",
            "is_public",
        ]
        labels = {
            "you_said": "You said",
            "we_did": "We did (or will do)",
            "why_not_possible": "Why it is not possible",
            "changed_on": "Date of the change (optional)",
            "hub": "Family hub",
        }
        help_texts = {"changed_on": "For example, 2026-11-23", "you_said": "In families' words, with nobody named."}
        widgets = {
            "status": forms.RadioSelect,
            "you_said": forms.Textarea(attrs={"rows": 3}),
            "we_did": forms.Textarea(attrs={"rows": 3}),
            "why_not_possible": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "you_said": {"required": "Enter what families said"},
            "we_did": {"required": "Enter what was done"},
            "changed_on": {"invalid": "Enter a date, like 2026-11-23"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionStatus.choices

    def clean(self):
        data = super().clean()
        if data.get("status") == ActionStatus.NOT_POSSIBLE and not data.get("why_not_possible", "").strip():
            self.add_error("why_not_possible", "Enter why it is not possible")
        return data


class PopulationFigureForm(BaseModelForm):
    question = forms.ChoiceField(label="Question", choices=[(k, v[0]) for k, v in EQUALITY_QUESTIONS.items()])

    class Meta:
        model = PopulationFigure
        fields = ["question", "answer", "percentage", "source"]
        labels = {"answer": "Answer (as in the equality questions)", "percentage": "Per cent of local parents"}
        help_texts = {"source": "For example, Census 2021, parents of under-2s in Brackenford"}
        error_messages = {
            "percentage": {"required": "Enter a percentage", "max_value": "Enter a percentage of 100 or less"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = [(v, label) for _, (_, choices) in EQUALITY_QUESTIONS.items() for v, label in choices]
        self.fields["answer"] = forms.ChoiceField(label="Answer", choices=list(dict(answers).items()))

    def validate_unique(self):
        # Entering a figure again replaces it (the view uses update_or_create).
        pass

    def clean(self):
        data = super().clean()
        question, answer = data.get("question"), data.get("answer")
        if question and answer and answer not in dict(EQUALITY_QUESTIONS[question][1]):
            self.add_error("answer", "Select an answer that belongs to the question")
        return data
