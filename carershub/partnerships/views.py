"""The partnership settings page: one form for the helpline and the targets, saved through
carershub.partnerships.services, which refuses a save over someone else's and audits it."""

from django.contrib import messages
from django.shortcuts import redirect, render

from carershub.accounts.permissions import permission_required
from carershub.core.concurrency import edit_with_version
from carershub.partnerships import services
from carershub.partnerships.forms import HOURS_EXAMPLE, PartnershipSettingsForm, initial_for


@permission_required("partnerships.manage_settings")
def settings_page(request):
    # Always the acting organisation's own partnership: there is no id in the URL to change.
    partnership = request.actor.organisation.partnership
    form = PartnershipSettingsForm(
        request.POST if request.method == "POST" else None, initial=initial_for(partnership)
    )
    edit = edit_with_version(
        request,
        partnership,
        form,
        lambda version: services.update_settings(
            request.actor,
            partnership,
            expected_version=version,
            hours=form.hours(),
            **form.partnership_fields(),
        ),
        theirs=initial_for,
    )
    if edit.saved:
        messages.success(request, "Partnership settings saved")
        return redirect("partnerships:settings")
    return render(
        request,
        "partnerships/settings.html",
        {
            "page_title": "Partnership settings",
            "partnership": edit.record,
            "form": form,
            "version": edit.version,
            "conflict_rows": edit.refused,
            "hours_example": HOURS_EXAMPLE,
        },
        status=edit.status,
    )
