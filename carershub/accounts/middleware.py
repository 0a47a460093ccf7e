"""Attach the acting organisation and roles to each request as ``request.actor``."""

from django.utils.functional import SimpleLazyObject

from carershub.accounts.actor import SESSION_KEY, actor_for


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(
            lambda: actor_for(request.user, request.session.get(SESSION_KEY))
        )
        return self.get_response(request)
