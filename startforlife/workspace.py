"""The staff pages for one kind of publishable item (services, hubs), written once.

`offers/staff_views.py` and `hubs/staff_views.py` declare each view with its own
`@permission_required(...)` and HTTP-method decorators, then call the matching function
here with their `Workspace`. Templates are looked up as `<app>/staff/<view name>.html`
first, so either app can override a page, then `startforlife/staff/<page>.html`.
"""

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from startforlife import spreadsheet, workflow
from startforlife.models import ChangeRequest, ChangeRequestSource
from startforlife.permissions import has_permission
from startforlife.staff_forms import DecisionForm, ImportForm, ItemForm, ReviewSettingsForm

STALE_MESSAGE = (
    "Someone else changed this {noun} since you opened it, so your changes have not been saved. "
    "Copy anything you want to keep, open the {noun} again to see their changes, then make yours."
)


@dataclass(frozen=True)
class Workspace:
    form_class: type[ItemForm]
    app: str  # "offers": permission prefix and template folder
    namespace: str  # "offers_staff"
    prefix: str  # "service": URL names are service_list, service_edit, ...
    noun: str  # "service"
    plural: str  # "services"
    # Further pages of an item, as (button text, URL name): a hub's opening times.
    item_pages: tuple[tuple[str, str], ...] = ()

    @property
    def model(self):
        return self.form_class._meta.model

    def url(self, name: str, *args) -> str:
        return reverse(f"{self.namespace}:{name}", args=args)

    def item_url(self, name: str, item) -> str:
        return self.url(f"{self.prefix}_{name}", item.pk)

    def templates(self, view: str, page: str) -> list[str]:
        return [f"{self.app}/staff/{view}.html", f"startforlife/staff/{page}.html"]

    def can(self, user, action: str) -> bool:
        return has_permission(user, f"{self.app}.{action}")

    def context(self, request, **extra) -> dict:
        return {
            "ws": self,
            "can_edit": self.can(request.user, "edit"),
            "can_publish": self.can(request.user, "publish"),
            **extra,
        }


def _items(ws: Workspace):
    return ws.model._default_manager.all()


def _changes(ws: Workspace):
    return ChangeRequest.objects.for_model(ws.model).select_related("proposed_by", "decided_by")


def item_list(request, ws: Workspace):
    waiting = ChangeRequest.objects.pending().for_model(ws.model).filter(object_id=OuterRef("pk"))
    items = list(_items(ws).select_related("owner").annotate(has_pending_change=Exists(waiting)))
    rows = [(item, workflow.review_due_on(item)) for item in items]
    context = ws.context(request, rows=rows, today=timezone.localdate())
    return render(request, ws.templates(f"{ws.prefix}_list", "item_list"), context)


def item_create(request, ws: Workspace):
    form = ws.form_class(request.POST or None, request.FILES or None, instance=ws.model())
    if request.method == "POST" and form.is_valid():
        item = workflow.create_draft(model=ws.model, values=form.proposed_values(), by=request.user)
        messages.success(request, f"{item} saved as a draft. Parents will not see it until it is published.")
        return redirect(ws.item_url("detail", item))
    return render(request, ws.templates(f"{ws.prefix}_create", "item_form"), ws.context(request, form=form))


def item_detail(request, ws: Workspace, pk: int):
    item = get_object_or_404(_items(ws).select_related("owner"), pk=pk)
    content = [
        (
            workflow.field_label(ws.model, f.name),
            workflow.display_value(ws.model, f.name, workflow.current_value(item, f)),
        )
        for f in workflow.content_fields(ws.model)
    ]
    content += [
        (related.label, related.show(related.read(item))) for related in workflow.related_content(ws.model).values()
    ]
    context = ws.context(
        request,
        item=item,
        content=content,
        pending=workflow.pending_change(item),
        decisions=_changes(ws).filter(object_id=item.pk).exclude(status="pending"),
        versions=workflow.versions(item),
        review_due_on=workflow.review_due_on(item),
        item_pages=[(label, ws.url(name, item.pk)) for label, name in ws.item_pages],
    )
    return render(request, ws.templates(f"{ws.prefix}_detail", "item_detail"), context)


def item_edit(request, ws: Workspace, pk: int):
    item = get_object_or_404(_items(ws), pk=pk)
    if request.method == "POST":
        # A copy: validating writes the posted values onto the instance, and a refused form
        # must still name the item as it is saved (heading, breadcrumbs).
        form = ws.form_class(request.POST, request.FILES, instance=copy.copy(item))
        if form.is_valid():
            publish_now = "publish" in request.POST and ws.can(request.user, "publish")
            try:
                outcome = workflow.save_edit(
                    item=item,
                    values=form.proposed_values(),
                    token=form.cleaned_data["version"],
                    by=request.user,
                    publish_now=publish_now,
                )
            except workflow.StaleEdit:
                form.add_error(None, STALE_MESSAGE.format(noun=ws.noun))
            except ValidationError as error:
                for message in _sentences(error):
                    form.add_error(None, message)
            else:
                messages.success(request, outcome_message(outcome, ws))
                return redirect(ws.item_url("detail", item))
    else:
        pending = workflow.pending_change(item)
        initial = {"version": workflow.edit_token(item, pending)}
        if pending:
            values = workflow.values_with_change(item, pending)
            initial.update({name: values[name] for name in pending.data if name in values})
        form = ws.form_class(instance=item, initial=initial)
        if pending:
            messages.info(
                request, f"This form shows the change waiting for approval, proposed by {pending.proposed_by}."
            )
    context = ws.context(request, form=form, item=item)
    return render(request, ws.templates(f"{ws.prefix}_edit", "item_form"), context)


def _sentences(error: ValidationError) -> list[str]:
    """A model's validation errors as sentences that fit a form's error summary."""
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def outcome_message(outcome: workflow.Outcome, ws: Workspace) -> str:
    return {
        workflow.Outcome.UNCHANGED: "You did not change anything.",
        workflow.Outcome.APPLIED: f"Changes saved. Parents do not see this {ws.noun} until it is published.",
        workflow.Outcome.PROPOSED: (
            "Changes sent for approval. Parents see the current version until a publisher approves."
        ),
        workflow.Outcome.PUBLISHED: "Changes published. Parents see them now.",
    }[outcome]


def item_publish(request, ws: Workspace, pk: int):
    item = get_object_or_404(_items(ws), pk=pk)
    workflow.publish(item=item, by=request.user)
    messages.success(request, f"{item} is published.")
    return redirect(ws.item_url("detail", item))


def item_archive(request, ws: Workspace, pk: int):
    item = get_object_or_404(_items(ws), pk=pk)
    workflow.archive(item=item, by=request.user)
    messages.success(request, f"{item} is archived. Parents who follow an old link are told it has ended.")
    return redirect(ws.item_url("detail", item))


def item_confirm_reviewed(request, ws: Workspace, pk: int):
    item = get_object_or_404(_items(ws), pk=pk)
    workflow.confirm_reviewed(item=item, by=request.user)
    messages.success(request, f"{item} confirmed as accurate today.")
    return redirect(ws.item_url("detail", item))


def item_review_settings(request, ws: Workspace, pk: int):
    item = get_object_or_404(_items(ws), pk=pk)
    initial = {"owner": item.owner_id, "review_interval_months": item.review_interval_months}
    form = ReviewSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        workflow.update_review_settings(
            item=item,
            owner=form.cleaned_data["owner"],
            review_interval_months=form.cleaned_data["review_interval_months"],
            by=request.user,
        )
        messages.success(request, "Review settings saved.")
        return redirect(ws.item_url("detail", item))
    context = ws.context(request, form=form, item=item)
    return render(request, ws.templates(f"{ws.prefix}_review_settings", "review_settings"), context)


def item_restore(request, ws: Workspace, pk: int, history_id: int):
    item = get_object_or_404(_items(ws), pk=pk)
    record = get_object_or_404(item.history.all(), history_id=history_id)
    try:
        change = workflow.propose(
            item=item,
            values=workflow.values_of_version(item, record),
            by=request.user,
            source=ChangeRequestSource.RESTORE,
        )
    except workflow.StaleEdit:
        messages.error(request, "A change is already waiting for approval. Approve it or send it back first.")
        return redirect(ws.item_url("detail", item))
    if change is None:
        messages.info(request, "That version is the same as the current one: nothing to restore.")
        return redirect(ws.item_url("detail", item))
    messages.success(request, "The earlier version is now a change waiting for approval.")
    return redirect(ws.url("change_detail", change.pk))


def change_detail(request, ws: Workspace, pk: int, form: DecisionForm | None = None):
    change = get_object_or_404(_changes(ws), pk=pk)
    item = get_object_or_404(_items(ws), pk=change.object_id)
    context = ws.context(
        request,
        change=change,
        item=item,
        rows=workflow.diff(item, change.data) if change.is_pending else [],
        form=form or DecisionForm(),
    )
    return render(request, ws.templates("change_detail", "change_detail"), context)


def change_approve(request, ws: Workspace, pk: int):
    change = get_object_or_404(_changes(ws), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return change_detail(request, ws, pk, form=form)
    try:
        workflow.approve(change=change, by=request.user, comment=form.cleaned_data["comment"])
    except workflow.ChangeNotPending:
        messages.error(request, "This change was already decided.")
    except ValidationError as error:
        for message in _sentences(error):
            form.add_error(None, f"This change cannot be approved: {message} Send it back saying what to fix.")
        return change_detail(request, ws, pk, form=form)
    else:
        messages.success(request, "Change approved. Parents see it now.")
    return redirect(ws.item_url("detail", change.item))


def change_reject(request, ws: Workspace, pk: int):
    change = get_object_or_404(_changes(ws), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid() and not form.cleaned_data["comment"].strip():
        form.add_error("comment", "Enter a comment saying what needs to change")
    if not form.is_valid():
        return change_detail(request, ws, pk, form=form)
    try:
        workflow.reject(change=change, by=request.user, comment=form.cleaned_data["comment"])
    except workflow.ChangeNotPending:
        messages.error(request, "This change was already decided.")
    else:
        messages.success(request, "Change sent back with your comment.")
    return redirect(ws.item_url("detail", change.item))


def export_csv(request, ws: Workspace):
    items = _items(ws).prefetch_related(*[f.name for f in ws.model._meta.many_to_many])
    response = HttpResponse(spreadsheet.export_csv(ws.form_class, items), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{ws.plural}-{stamp}.csv"'
    return response


def import_csv(request, ws: Workspace):
    form = ImportForm(request.POST or None, request.FILES or None)
    check = None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["content"]
        check = spreadsheet.check_import(ws.form_class, content)
        if check.ok and "confirm" in request.POST:
            try:
                saved = spreadsheet.apply_import(ws.form_class, content, by=request.user)
            except workflow.StaleEdit:
                messages.error(request, f"Some {ws.plural} changed while you were checking the file. Check it again.")
                check = spreadsheet.check_import(ws.form_class, content)
            else:
                messages.success(
                    request, f"Imported {saved} {ws.plural}: new ones are drafts, changes wait for approval."
                )
                return redirect(ws.url(f"{ws.prefix}_list"))
        form = ImportForm(initial={"content": content})
    context = ws.context(request, form=form, check=check, columns=spreadsheet.columns(ws.form_class))
    return render(request, ws.templates(f"{ws.prefix}_import", "import"), context)
