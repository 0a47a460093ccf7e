"""The Jinja2 environment: GOV.UK Frontend macros, URL reversing and the form-field renderers."""

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from carershub.core import formats
from carershub.core.forms import render_error_summary, render_field


def url(viewname, *args, **kwargs):
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options):
    options.setdefault("autoescape", select_autoescape(default=True))
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)
    env.loader = ChoiceLoader(
        [
            env.loader,
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
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
        }
    )
    # Forms render through the same environment (see carershub.core.forms).
    formats.register_environment(env)
    return env
