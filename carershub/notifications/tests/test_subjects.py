"""The apps that hold people tell the outbox who a message is about,
and by which rule it is read.
"""

from carershub.accounts import permissions
from carershub.carers.hooks import reading_of_a_message_about as carer_reading
from carershub.carers.models import Carer
from carershub.notifications import subjects
from carershub.referrals.hooks import reading_of_a_message_about as referral_reading
from carershub.referrals.models import Referral


def test_a_message_about_a_carer_or_a_record_naming_one_is_read_by_the_carers_rule():
    kind = subjects.kind_of("carers.carer")
    assert (kind.model, kind.reading, kind.linked_by) == (Carer, carer_reading, "carer")
    assert kind.described_as == "A carer"


def test_a_message_about_a_referral_is_read_by_the_referrals_rule_and_names_no_one_else():
    kind = subjects.kind_of("referrals.referral")
    assert (kind.model, kind.reading, kind.linked_by) == (Referral, referral_reading, "")
    assert kind.described_as == "A referral"


def test_a_record_no_app_registered_is_no_kind_of_person():
    assert subjects.kind_of("groups.booking") is None


def test_the_carers_app_says_whom_a_restriction_names():
    assert permissions.is_named_worker.answered
