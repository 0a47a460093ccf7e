"""Presenters for core pages: what the staff home page shows to each role."""

from django.urls import reverse

from carershub.accounts.permissions import can


class StaffHome:
    def __init__(self, actor):
        self.actor = actor

    @property
    def heading(self):
        return f"Welcome, {self.actor.user.full_name}"

    @property
    def tasks(self):
        """Links to the things this actor can do, in the order they are most used."""
        links = []
        if can(self.actor, "carers.list_carers"):
            links.append(("Referrals to triage", reverse("referrals:queue"), "New referrals, who they are allocated to and what is overdue."))
        elif can(self.actor, "referrals.make_referral"):
            links.append(("Refer a carer", reverse("referrals:new"), "Send someone who looks after a relative or friend to the carers hub."))
            links.append(("Your referrals", reverse("referrals:queue"), "See what happened to the carers you referred."))
        if can(self.actor, "carers.list_carers"):
            links.append(("Find a carer", reverse("carers:list"), "Search the register by name or reference."))
        if can(self.actor, "carers.register_carer"):
            links.append(("Register a carer", reverse("carers:register"), "Add someone new to the register."))
            links.append(("Follow-ups due", reverse("carers:follow_ups"), "Contacts you said you would follow up this week."))
            links.append(("Log an anonymous helpline call", reverse("carers:helpline_call"), "For callers who do not give their name."))
        if can(self.actor, "assessments.view_quality_of_life_cohort"):
            links.append(("Carers' quality of life", reverse("assessments:quality_of_life_cohort"),
                          "Quality-of-life scores at assessment and review, and how they changed."))
        if can(self.actor, "accounts.manage_team"):
            links.append(("Manage your team", reverse("accounts:team"), "Invite staff, change roles, deactivate accounts."))
        if can(self.actor, "notifications.view_outbox"):
            links.append(("Outbox", reverse("notifications:outbox"), "Messages the hub has sent or held for sending."))
        return links
