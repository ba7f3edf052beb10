"""The README's hosting examples (« Mise en ligne »): the same security headers for every host, a
cache policy that keeps /assets/ (hashed names) for a year and revalidates the rest, and nginx,
started with the README's own block, sending them on a page, a hashed asset, a font, a calendar
and the error page."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request

import pytest

from helpers import REPO, copy_project, mkdocs_build
from hosting import IMMUTABLE, deployment_headers, editor_headers, readme_block, static_host_rules

FONT = b"wOF2" + bytes(range(256)) * 4  # a stand-in: only its name and its headers are read here


def test_the_security_headers_deny_what_the_site_does_not_use():
    headers = deployment_headers()
    assert set(headers) == {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                            "Strict-Transport-Security", "Permissions-Policy"}
    assert int(re.fullmatch(r"max-age=(\d+)", headers["Strict-Transport-Security"]).group(1)) >= 31536000
    allowed = dict(feature.split("=", 1) for feature in headers["Permissions-Policy"].split(", "))
    # Only geolocation, for the catalog's "near me" on the visitor's request, and for the site only.
    assert {feature: value for feature, value in allowed.items() if value != "()"} == {"geolocation": "(self)"}
    assert {"camera", "microphone", "payment", "usb"} <= set(allowed)


def test_every_host_example_sends_the_same_headers():
    headers = deployment_headers()
    nginx = readme_block("nginx")
    apache = readme_block("apache")
    for name, value in headers.items():
        assert f'add_header {name} "{value}" always;' in nginx
        assert f'Header always set {name} "{value}"' in apache
    rules = static_host_rules()
    editor_policy = editor_headers()["Content-Security-Policy"]
    # /admin/ detaches the strict policy before giving its own: two policies would both apply.
    assert list(rules["/admin/*"].items()) == [("Content-Security-Policy", editor_policy)]
    assert rules == {"/*": headers, "/assets/*": {"Cache-Control": IMMUTABLE},
                     "/admin/*": {"Content-Security-Policy": editor_policy}}
    assert "  ! Content-Security-Policy\n  Content-Security-Policy: " in (REPO / "content/_headers").read_text()
    # nginx's location /admin/ repeats every header (a location inherits none), Apache overrides one.
    admin = nginx.split("location /admin/ {", 1)[1].split("}", 1)[0]
    for name, value in editor_headers().items():
        assert f'add_header {name} "{value}" always;' in admin
    assert f'    Header always set Content-Security-Policy "{editor_policy}"' in apache
    assert f'~^/assets/  "{IMMUTABLE}";' in nginx and 'default     "no-cache";' in nginx
    assert f'Header always set Cache-Control "{IMMUTABLE}"' in apache


@pytest.fixture(scope="module")
def site_with_a_font(tmp_path_factory):
    """The real site, its theme given a font file: fonts are named and cached as the other assets."""
    project = copy_project(tmp_path_factory.mktemp("hosted"))
    (project / "theme/assets/fonts").mkdir()
    (project / "theme/assets/fonts/essai.woff2").write_bytes(FONT)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def served(site_with_a_font):
    from hosting import nginx

    with nginx(site_with_a_font) as addresses:
        yield addresses


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **headers})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _body(headers, body: bytes) -> bytes:
    return gzip.decompress(body) if headers["Content-Encoding"] == "gzip" else body


def test_nginx_sends_the_readme_headers_on_each_kind_of_file(served, site_with_a_font):
    base, _ = served
    status, headers, body = _get(base)
    stylesheet = re.search(r'href="(assets/stylesheets/deffinov\.[0-9a-f]+\.css)"', _body(headers, body).decode()).group(1)
    font = next(site_with_a_font.glob("assets/fonts/essai.*.woff2")).relative_to(site_with_a_font).as_posix()
    expected = {  # address: (status, Content-Type, Cache-Control, compressed)
        "": (200, "text/html; charset=utf-8", "no-cache", True),
        stylesheet: (200, "text/css; charset=utf-8", IMMUTABLE, True),
        font: (200, "font/woff2", IMMUTABLE, False),
        "calendrier/deffinov-tiers-lieux.ics": (200, "text/calendar; charset=utf-8", "no-cache", True),
        "donnees-ouvertes/appels.csv": (200, "text/csv; charset=utf-8", "no-cache", True),
        "nulle/part/introuvable/": (404, "text/html; charset=utf-8", "no-cache", True),
    }
    for address, (code, content_type, cache, compressed) in expected.items():
        status, headers, body = _get(base + address)
        assert (status, headers["Content-Type"], headers["Cache-Control"]) == (code, content_type, cache), address
        assert (headers["Content-Encoding"] == "gzip") == compressed, address
        for name, value in deployment_headers().items():
            assert headers[name] == value, (address, name)
    status, headers, body = _get(base + "admin/")
    assert (status, headers["Cache-Control"]) == (200, "no-cache")
    for name, value in editor_headers().items():
        assert headers[name] == value, ("admin/", name)
    assert _get(base + "admin/config.yml")[1]["Content-Type"].startswith("text/yaml")
    status, headers, body = _get(base + "nulle/part/introuvable/")
    assert "Page introuvable" in _body(headers, body).decode()
    assert _get(base + font)[2] == FONT


def test_nginx_answers_not_modified_to_a_revalidation(served):
    base, _ = served
    for address in ("", "calendrier/deffinov-tiers-lieux.ics"):
        status, headers, _ = _get(base + address)
        assert headers["ETag"], address
        status, headers, body = _get(base + address, **{"If-None-Match": headers["ETag"]})
        assert (status, body) == (304, b""), address


def test_nginx_sends_plain_http_to_https(served):
    _, redirect = served
    request = urllib.request.Request(redirect + "appels/")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(request)
    assert answer.value.code == 301
    assert answer.value.headers["Location"].startswith("https://") and answer.value.headers["Location"].endswith("/appels/")
