"""Who a caller is for the request limits, and which limit counts them.

The anonymous limit counts connection addresses: an ``X-Forwarded-For`` the
client writes itself, changing or fixed, never lifts it. Only with a trusted
proxy count (``NUM_PROXIES``, from ``CASEBOOK_TRUSTED_PROXY_COUNT``) is the
address our proxy saw used. Anonymous callers are not counted against the
token holders' limit, so an anonymous rate above the token rate holds.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/parties/"

#: Anything a client may put in X-Forwarded-For: addresses, lists of them, junk.
forged_values = st.one_of(
    st.ip_addresses().map(str),
    st.lists(st.ip_addresses().map(str), min_size=1, max_size=4).map(", ".join),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=40).filter(
        str.strip
    ),
)


def with_rates(settings, anon: str, user: str, proxies: int | None = None) -> None:
    """Set the rates, and the trusted proxy count if given (else the configured default)."""
    overrides = {"DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}
    if proxies is not None:
        overrides["NUM_PROXIES"] = proxies
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, **overrides}


def statuses(client: APIClient, headers: list[dict]) -> list[int]:
    return [client.get(URL, **h).status_code for h in headers]


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(forged_values, min_size=4, max_size=6))
def test_a_forged_forwarded_for_never_lifts_the_anonymous_limit(settings, values):
    with_rates(settings, anon="2/minute", user="100/minute")
    cache.clear()
    # Changing values, then one fixed value: the connection address is what counts.
    headers = [{"HTTP_X_FORWARDED_FOR": v} for v in values] + [
        {"HTTP_X_FORWARDED_FOR": values[0]}
    ] * 2
    assert statuses(APIClient(), headers) == [200, 200] + [429] * (len(headers) - 2)


def test_each_connection_address_has_its_own_anonymous_limit(settings):
    with_rates(settings, anon="2/minute", user="100/minute")
    api = APIClient()
    one = {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "192.0.2.2"}
    two = {"REMOTE_ADDR": "192.0.2.2"}
    assert statuses(api, [one, one, one]) == [200, 200, 429]
    assert statuses(api, [two, two, two]) == [200, 200, 429]


@pytest.mark.parametrize(
    "forged", ["203.0.113.9", "10.0.0.1, 10.0.0.2", "unknown", "::1", "198.51.100.7, 198.51.100.8"]
)
def test_with_one_trusted_proxy_the_address_it_saw_counts(settings, forged):
    """Our proxy (REMOTE_ADDR 10.9.9.9) appends the address it saw; what came before is forged."""
    with_rates(settings, anon="2/minute", user="100/minute", proxies=1)
    api = APIClient()
    proxy = "10.9.9.9"
    alice = [
        {"REMOTE_ADDR": proxy, "HTTP_X_FORWARDED_FOR": f"{forged}, 192.0.2.10"},
        {"REMOTE_ADDR": proxy, "HTTP_X_FORWARDED_FOR": f"{forged}, 192.0.2.99, 192.0.2.10"},
        {"REMOTE_ADDR": proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.10"},
    ]
    assert statuses(api, alice) == [200, 200, 429]
    # Another visitor behind the same proxy has a limit of her own.
    bob = {"REMOTE_ADDR": proxy, "HTTP_X_FORWARDED_FOR": f"{forged}, 192.0.2.11"}
    assert statuses(api, [bob, bob, bob]) == [200, 200, 429]


def test_with_two_trusted_proxies_the_outer_proxy_s_view_counts(settings):
    with_rates(settings, anon="1/minute", user="100/minute", proxies=2)
    api = APIClient()
    # client -> proxy A (appends client) -> proxy B (appends A) -> app (REMOTE_ADDR = B)
    forged = [
        {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"{x}, 192.0.2.20, 10.0.0.1"}
        for x in ("1.1.1.1", "2.2.2.2")
    ]
    assert statuses(api, forged) == [200, 429]


def test_the_proxy_count_comes_from_the_environment():
    from django.conf import settings

    # The test run sets no CASEBOOK_TRUSTED_PROXY_COUNT: no header is trusted.
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0


def test_an_anonymous_rate_above_the_token_rate_holds(settings):
    with_rates(settings, anon="5/minute", user="2/minute")
    assert statuses(APIClient(), [{}] * 6) == [200] * 5 + [429]


def test_anonymous_callers_do_not_use_up_token_holders_limits(settings):
    with_rates(settings, anon="2/minute", user="3/minute")
    anonymous = APIClient()
    assert statuses(anonymous, [{}] * 3) == [200, 200, 429]
    token = Token.objects.create(user=UserFactory())
    holder = APIClient()
    holder.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    # Same address as the throttled anonymous caller: the token's own limit applies.
    assert statuses(holder, [{}] * 4) == [200, 200, 200, 429]
    # Nor does a token holder use up the anonymous limit of the address.
    cache.clear()
    assert statuses(holder, [{}] * 3) == [200, 200, 200]
    assert statuses(anonymous, [{}] * 3) == [200, 200, 429]


def test_a_throttled_answer_says_when_to_retry(settings):
    with_rates(settings, anon="1/hour", user="100/hour")
    api = APIClient()
    api.get(URL)
    response = api.get(URL)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert response.json()["error"]["code"] == "throttled"


def test_the_url_under_test_is_the_party_list():
    assert reverse("api:party-list") == URL
