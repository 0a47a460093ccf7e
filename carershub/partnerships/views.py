"""The partnership settings page: one form for the helpline and the targets, saved through
carershub.partnerships.services, which refuses a save over someone else's and audits it."""

from django.contrib import messages
from django.shortcuts import redirect, render

from carershub.accounts.permissions import permission_required
from carershub.core.concurrency import EditConflict, differences, opened_version
from carershub.partnerships import services
from carershub.partnerships.forms import HOURS_EXAMPLE, PartnershipSettingsForm, initial_for
from carershub.partnerships.presenters import show_value


@permission_required("partnerships.manage_settings")
def settings_page(request):
    # Always the acting organisation's own partnership: there is no id in the URL to change.
    partnership = request.actor.organisation.partnership
    form = PartnershipSettingsForm(
        request.POST if request.method == "POST" else None, initial=initial_for(partnership)
    )
    version = opened_version(request, partnership)
    conflict_rows = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(
                request.actor,
                partnership,
                expected_version=version,
                hours=form.hours(),
                **form.partnership_fields(),
            )
        except EditConflict as conflict:
            partnership = conflict.current
            version = partnership.version
            conflict_rows = differences(form, initial_for(partnership), show_value)
        else:
            messages.success(request, "Partnership settings saved")
            return redirect("partnerships:settings")
    return render(
        request,
        "partnerships/settings.html",
        {
            "page_title": "Partnership settings",
            "partnership": partnership,
            "form": form,
            "version": version,
            "conflict_rows": conflict_rows,
            "hours_example": HOURS_EXAMPLE,
        },
        status=409 if conflict_rows is not None else 200,
    )
