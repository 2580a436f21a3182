from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from offers.staff_forms import ServiceForm
from startforlife import workflow


def form_data(item, form_class=ServiceForm, **changes) -> dict:
    """What the edit page would post back unchanged for `item` (plus `changes`).

    A browser never posts a file input back unchanged, so files are left out.
    """
    form = form_class(instance=item, initial={"version": workflow.edit_token(item, workflow.pending_change(item))})
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or isinstance(value, FieldFile | UploadedFile):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    data.update(changes)
    return data


def edit_url(item) -> str:
    opts = item._meta
    return reverse(f"{opts.app_label}_staff:{opts.model_name}_edit", args=[item.pk])
