"""Page-numbered lists: ``?page=N`` and ``?page_size=`` up to 200."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def paginated(
    request: Request,
    view: APIView,
    rows: QuerySet[Any],
    row: Callable[[Any], dict[str, Any]],
    serializer: type[serializers.Serializer[Any]],
) -> Response:
    """One page of ``rows``, each turned into data by ``row`` (``?page=``, ``?page_size=``)."""
    pages = Pages()
    page = pages.paginate_queryset(rows, request, view=view) or []
    return pages.get_paginated_response(serializer([row(r) for r in page], many=True).data)
