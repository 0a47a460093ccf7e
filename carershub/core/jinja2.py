"""The Jinja2 environment: GOV.UK Frontend macros, URL reversing and the form-field renderers."""

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    Undefined,
    select_autoescape,
)

from carershub.core import formats
from carershub.core.forms import render_error_summary, render_field
from carershub.core.phone_numbers import format_phone_number, phone_link


class HubUndefined(Undefined):
    """A value a template asked for that is not there (ADR 26).

    Tested, counted, looped over or compared it is empty, as in any Jinja template
    (``{% if params.hint %}`` is false, ``| default`` and ``is defined`` work); printed, it raises
    UndefinedError, so a template that would put nothing - or, with Django's debug setting, the
    text ``{{ no such element: ... }}`` - into a page, a form field or a PDF fails its tests
    instead. Every settings module names it in TEMPLATES. The GOV.UK Frontend macros are loaded into
    an environment of their own that prints a missing optional parameter as empty, as their Nunjucks
    originals do (see ``_DesignSystemLoader``); a missing value the hub hands them still raises.
    """

    __slots__ = ()
    __str__ = Undefined._fail_with_undefined_error

    # Equal to every missing value, Jinja's own included: the GOV.UK macros skip an optional
    # attribute whose value is ``in [undefined, null, None]``, and the value may be one of ours.
    def __eq__(self, other):
        return isinstance(other, Undefined)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(Undefined)


class _DesignSystemLoader(BaseLoader):
    """Loads the govuk-frontend-jinja templates into ``environment``, a copy of the hub's that
    differs only in printing a missing value as empty: the macros print optional parameters the
    page did not give (a textarea's ``value``, a fieldset's ``describedBy``) and rely on that."""

    def __init__(self, loader):
        self.loader = loader
        self.environment = None  # set once the hub's environment is built

    def get_source(self, environment, template):
        return self.loader.get_source(environment, template)

    def list_templates(self):
        return self.loader.list_templates()

    def load(self, environment, name, globals=None):
        return self.loader.load(self.environment, name, globals)


def url(viewname, *args, **kwargs):
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options):
    # TEMPLATES names the Undefined by its dotted path (settings cannot import this module).
    if isinstance(options.get("undefined"), str):
        options["undefined"] = import_string(options["undefined"])
    options.setdefault("autoescape", select_autoescape(default=True))
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)
    design_system = _DesignSystemLoader(PackageLoader("govuk_frontend_jinja"))
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"govuk_frontend_jinja": design_system})])
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "govuk_field": render_field,
            "govuk_error_summary": render_error_summary,
        }
    )
    env.filters.update(
        {
            "date": formats.date,
            "datetime": formats.datetime,
            "time": formats.time,
            "phone_number": format_phone_number,
            "tel": phone_link,
        }
    )
    # The same loader, globals and filters: only what a missing value prints differs.
    design_system.environment = env.overlay(undefined=Undefined)
    # Forms render through the same environment (see carershub.core.forms).
    formats.register_environment(env)
    return env
