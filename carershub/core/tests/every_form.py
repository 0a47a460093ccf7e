"""Every form class the hub defines, found by importing every module of the package (not a list
kept by hand), for tests that walk all forms: a new form is checked the day it is written."""

import importlib
import pkgutil

from django import forms

import carershub


def _import_every_module():
    importlib.import_module("config.urls")  # registers the URL converters some urls modules use
    for module in pkgutil.walk_packages(carershub.__path__, "carershub."):
        if (
            ".tests" in module.name
            or ".migrations" in module.name
            or module.name.endswith(".tests")
        ):
            continue
        importlib.import_module(module.name)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def every_form_class():
    """Every Form (and ModelForm) subclass defined in the carershub package, by dotted name."""
    _import_every_module()
    found = {f"{c.__module__}.{c.__qualname__}": c for c in _subclasses(forms.BaseForm)}
    return dict(
        sorted(
            (name, cls)
            for name, cls in found.items()
            if name.startswith("carershub.") and ".tests." not in name
        )
    )


def every_declared_field(field_type):
    """(form name, field name, field) for every field of ``field_type`` declared on a form class."""
    return [
        (form_name, name, field)
        for form_name, cls in every_form_class().items()
        for name, field in cls.base_fields.items()
        if isinstance(field, field_type)
    ]
