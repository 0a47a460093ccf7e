"""For tests of pages that change a versioned record: what a browser sends from a page's form, and
the journey in which a colleague saves first and this person's form comes back with a mistake."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """The fields of each <form> on a page, as a browser would send them
    (names to lists of values).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._textarea, self._select, self._option = (
            [],
            None,
            None,
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"radio", "checkbox"} and "checked" not in attrs:
                return
            self._form.setdefault(attrs["name"], []).append(
                attrs.get("value", "on" if kind == "checkbox" else "")
            )
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]
        if tag == "option" and self._select is not None and "selected" in attrs:
            self._form.setdefault(self._select, []).append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A browser drops the one newline that may follow <textarea>.
            self._form.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_data(response, holding="version"):
    """What a browser would send from the (first) form on the page with a field named
    ``holding``.
    """
    parser = _FormParser()
    parser.feed(response.content.decode())
    found = [form for form in parser.forms if holding in form]
    assert found, f"no form on the page has a field named {holding!r}"
    return {name: values if len(values) > 1 else values[0] for name, values in found[0].items()}


def save_after_a_colleague_and_a_mistake(
    client,
    url,
    *,
    colleague_saves,
    typed,
    mistake,
    error,
    fix=None,
    holding="version",
    send_to=None,
):
    """Open ``url``; a colleague saves the record (``colleague_saves()``); send the form with what
    this person ``typed`` and a ``mistake`` (field values), which must come back with ``error`` and
    with the version the page was opened at; then correct the mistake (with ``fix``, or else with
    what the form held when it was opened) and send it again. Returns
    the response to that last send. ``holding`` names a field only the form meant has, where a page
    has several; ``send_to`` is where that form is sent, when not back to ``url``."""
    opened = client.get(url)
    assert opened.status_code == 200, opened.status_code
    sent = form_data(opened, holding)
    colleague_saves()
    shown = client.post(send_to or url, {**sent, **typed, **mistake})
    page = shown.content.decode()
    assert shown.status_code == 200, shown.status_code
    assert error in page, f"the mistake was not explained: {error!r}"
    again = form_data(shown, holding)
    assert again["version"] == sent["version"], (
        "the form came back with a version the person never saw"
    )
    for name, value in typed.items():
        assert again.get(name) == value, (
            f"{name} came back as {again.get(name)!r}, not as typed ({value!r})"
        )
    corrected = {
        **again,
        **(fix if fix is not None else {name: sent.get(name, "") for name in mistake}),
    }
    return client.post(send_to or url, corrected)
