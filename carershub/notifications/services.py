"""The notification service (stub until the notifications app lands)."""


def send_email(*, to, template, personalisation, actor=None, subject_type="", subject_id=None):
    return None
