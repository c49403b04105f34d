"""The test clients every module's tests use sign people in fully."""

from django.test import Client


def test_the_client_fixture_signs_in_with_the_second_factor(client, cast):
    client.force_login(cast.viewer)
    assert client.get("/p/southampton/").status_code == 200


def test_the_api_client_fixture_signs_in_with_the_second_factor(api_client, cast):
    api_client.force_login(cast.viewer)
    assert api_client.get("/p/southampton/").status_code == 200


def test_logging_in_with_a_password_gives_the_second_factor_too(client, cast):
    assert client.login(username="viewer@example.org", password="correct horse battery staple")
    assert not client.login(username="viewer@example.org", password="wrong")
    assert client.get("/p/southampton/").status_code == 200


def test_a_plain_client_has_given_only_the_password(cast):
    plain = Client()
    plain.force_login(cast.viewer)
    assert plain.get("/p/southampton/").url.startswith("/accounts/code/")
