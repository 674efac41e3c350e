"""The OpenAPI 3 schema: generated without a warning, valid, served at /api/schema/; the
docs at /api/docs/ load Swagger UI from this site's own static files, not a CDN."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.api.helpers import api


def test_the_schema_generates_without_warnings_and_validates(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json",
        "--file", str(target),
    )  # fmt: skip
    schema = json.loads(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert set(schema["components"]["securitySchemes"]) == {"cookieAuth", "tokenAuth"}
    assert schema["components"]["schemas"]["ErrorBody"]["properties"]["error"] == {
        "$ref": "#/components/schemas/ErrorDetail"
    }
    assert set(schema["components"]["schemas"]["ErrorDetail"]["properties"]) == {
        "code", "message", "rule", "cite", "fields",
    }  # fmt: skip


@pytest.mark.django_db
def test_schema_and_docs_are_served_without_outside_network() -> None:
    client = api(None)
    schema = client.get(reverse("api:schema"), {"format": "json"})
    assert schema.status_code == 200
    assert "/api/v1/periods/" in schema.json()["paths"]
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
