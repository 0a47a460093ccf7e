"""GOV.UK Frontend macros called from Python, for the form fields and table cells the hub builds."""

from carershub.core import formats


def component(folder, name):
    """A GOV.UK Frontend macro (``component("tag", "govukTag")``), as a function of its params."""
    env = formats.get_environment()
    template = env.get_template(f"govuk_frontend_jinja/components/{folder}/macro.html")
    return getattr(template.module, name)
