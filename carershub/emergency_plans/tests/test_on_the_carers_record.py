"""The carer's record lists their emergency plans and offers to start one."""

import pytest
from django.urls import reverse

from carershub.audit.models import AuditLog, Operation


@pytest.mark.django_db
def test_the_record_lists_plans_and_audits_the_list(carer, plan, worker, sign_in, hub):
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert "Emergency plan for Bea Foxglove" in html
    assert reverse("emergency_plans:detail", kwargs={"reference": plan.reference}) in html
    assert reverse("emergency_plans:new", kwargs={"carer_reference": carer.reference}) in html
    assert AuditLog.objects.filter(
        operation=Operation.SEARCH,
        object_type="emergency_plans.emergencyplan",
        object_id=str(plan.pk),
    ).exists()
