"""A stand-in for GOV.UK Notify's v2 API, run on loopback, that checks what the real one checks.

The real service cannot be reached from here, so the Notify backend is tested against this.
It behaves as Notify's public API documentation and its source (alphagov/notifications-api)
describe: the JWT in the Authorization header must be HS256, name the service as ``iss``, be
signed with the API key's secret and be at most 30 seconds old; the template must exist and
suit the channel; every placeholder needs a value. It answers with Notify's response bodies
(201 with an id, or the ``{"errors": [...], "status_code": n}`` shape).

Like Notify, it ignores personalisation keys a template does not use; it records every request
it accepts so that tests can insist on exactly the template's placeholders.
"""

import base64
import binascii
import io
import json
import re
import time
import uuid
from dataclasses import dataclass, field

import jwt
import pypdf
from werkzeug import Request, Response

CLOCK_SKEW_SECONDS = 30


@dataclass
class NotifyTemplate:
    id: str
    type: str
    subject: str
    body: str

    @property
    def placeholders(self):
        return {
            name.strip().lower()
            for name in re.findall(r"\(\(([^()]+)\)\)", f"{self.subject}\n{self.body}")
        }

    def render(self, personalisation):
        values = {key.strip().lower(): str(value) for key, value in personalisation.items()}

        def fill(text):
            return re.sub(r"\(\(([^()]+)\)\)", lambda m: values[m.group(1).strip().lower()], text)

        return fill(self.subject), fill(self.body)


@dataclass
class AcceptedRequest:
    path: str
    json: dict
    claims: dict
    notification_id: str
    pdf: bytes = b""


@dataclass
class FakeNotify:
    service_id: str
    secret: str
    templates: dict = field(default_factory=dict)  # template id -> NotifyTemplate
    accepted: list = field(default_factory=list)

    @property
    def api_key(self):
        return f"carershub_test-{self.service_id}-{self.secret}"

    def install(self, server):
        for channel in ("email", "sms", "letter"):
            server.expect_request(
                f"/v2/notifications/{channel}", method="POST"
            ).respond_with_handler(lambda request, channel=channel: self.handle(channel, request))

    # -- the request, checked in the order Notify checks it ------------------------------

    def handle(self, channel, request: Request) -> Response:
        claims, refusal = self._authenticate(request)
        if refusal:
            return refusal
        try:
            data = json.loads(request.get_data(as_text=True) or "null")
        except ValueError:
            return _error(400, "InvalidRequest", "Invalid JSON supplied in POST data")
        if not isinstance(data, dict):
            return _error(400, "ValidationError", "Request body must be a JSON object")
        if channel == "letter" and "content" in data:
            return self._precompiled_letter(request, data, claims)
        return self._templated(channel, request, data, claims)

    def _authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            return None, _error(
                401, "AuthError", "Unauthorized: authentication token must be provided"
            )
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer":
            return None, _error(
                401, "AuthError", "Unauthorized: authentication bearer scheme must be used"
            )
        try:
            unverified_header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.DecodeError:
            return None, _error(
                403, "AuthError", "Invalid token: signature, api token is not valid"
            )
        if unverified_header.get("alg") != "HS256":
            return None, _error(403, "AuthError", "Invalid token: algorithm used is not HS256")
        if "iss" not in unverified:
            return None, _error(403, "AuthError", "Invalid token: iss field not provided")
        if unverified["iss"] != self.service_id:
            return None, _error(403, "AuthError", "Invalid token: service not found")
        try:
            claims = jwt.decode(
                token, key=self.secret, algorithms=["HS256"], options={"verify_iat": False}
            )
        except jwt.InvalidSignatureError:
            return None, _error(403, "AuthError", "Invalid token: API key not found")
        if "iat" not in claims:
            return None, _error(403, "AuthError", "Invalid token: iat field not provided")
        if abs(time.time() - int(claims["iat"])) > CLOCK_SKEW_SECONDS:
            return None, _error(
                403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
            )
        return claims, None

    def _templated(self, channel, request, data, claims):
        recipient_field = {
            "email": "email_address",
            "sms": "phone_number",
            "letter": "personalisation",
        }[channel]
        for required in (recipient_field, "template_id"):
            if required not in data:
                return _error(400, "ValidationError", f"{required} is a required property")
        try:
            uuid.UUID(str(data["template_id"]))
        except ValueError:
            return _error(400, "ValidationError", "template_id is not a valid UUID")
        template = self.templates.get(data["template_id"])
        if template is None:
            return _error(400, "BadRequestError", "Template not found")
        if template.type != channel:
            return _error(
                400,
                "BadRequestError",
                f"{template.type} template is not suitable for {channel} notification",
            )
        personalisation = data.get("personalisation") or {}
        given = {key.strip().lower() for key, value in personalisation.items() if value is not None}
        missing = sorted(template.placeholders - given)
        if missing:
            return _error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        if channel == "email" and not re.fullmatch(
            r"[^@\s]+@[^@\s]+\.[^@\s]+", data["email_address"]
        ):
            return _error(400, "ValidationError", "email_address Not a valid email address")
        notification_id = str(uuid.uuid4())
        self.accepted.append(AcceptedRequest(request.path, data, claims, notification_id))
        subject, body = template.render(personalisation)
        content = {"body": body}
        if channel == "email":
            content.update(
                subject=subject, from_email="testshire.carers.hub@notifications.service.gov.uk"
            )
        elif channel == "sms":
            content.update(from_number="GOVUK")
        return _json(
            201,
            {
                "id": notification_id,
                "reference": data.get("reference"),
                "content": content,
                "uri": f"{request.host_url}v2/notifications/{notification_id}",
                "template": {
                    "id": template.id,
                    "version": 1,
                    "uri": f"{request.host_url}v2/template/{template.id}",
                },
                "scheduled_for": None,
            },
        )

    def _precompiled_letter(self, request, data, claims):
        if not data.get("reference"):
            return _error(400, "ValidationError", "reference is a required property")
        try:
            pdf = base64.b64decode(data["content"], validate=True)
            pypdf.PdfReader(io.BytesIO(pdf)).pages[0]  # noqa: B018 - opening the first page proves it is a PDF
        except (binascii.Error, ValueError, pypdf.errors.PdfReadError, IndexError):
            return _error(400, "ValidationError", "Letter content is not a valid PDF")
        if data.get("postage", "second") not in {
            "first",
            "second",
            "economy",
            "europe",
            "rest-of-world",
        }:
            return _error(
                400,
                "ValidationError",
                "postage invalid. It must be first, second, economy, europe or rest-of-world.",
            )
        notification_id = str(uuid.uuid4())
        self.accepted.append(AcceptedRequest(request.path, data, claims, notification_id, pdf=pdf))
        return _json(
            201,
            {
                "id": notification_id,
                "reference": data["reference"],
                "postage": data.get("postage", "second"),
            },
        )


def _json(status, body):
    return Response(json.dumps(body), status=status, content_type="application/json")


def _error(status, error, message):
    return _json(status, {"errors": [{"error": error, "message": message}], "status_code": status})
