"""The site checks (``site.verify``) on small built pages: each kind of live markup, foreign
resource and broken link is found, and the edition's own markup passes. ``test_build.py`` runs
them on the whole fixture site, ``test_hostile_site.py`` on a site full of hostile payloads."""

from __future__ import annotations

import pytest

from build_tools.site import verify

PAGE = '<!doctype html><html><head>{head}</head><body><article class="md-content__inner">{body}</article></body></html>'


def problems(body: str, head: str = "", path: str = "index.html") -> list[str]:
    pages = {path: verify.parse_page(path, PAGE.format(head=head, body=body))}
    return [f"{d.code} {d.message}" for d in verify.check_site(pages, {}, [], set())]


LIVE = {
    "event handler": '<p onmouseover="alert(1)">x</p>',
    "event handler, capitals": '<img src="a.png" ONERROR="alert(1)">',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript link with a tab entity": '<a href="java&#9;script:alert(1)">x</a>',
    "javascript link with a newline entity": '<a href="java&#10;script:alert(1)">x</a>',
    "javascript link with leading controls": '<a href="&#1; javascript:alert(1)">x</a>',
    "data link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "xlink:href": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg use xlink:href": '<svg><use xlink:href="data:image/svg+xml,<svg onload=alert(1)>"/></svg>',
    "style with url()": '<p style="background:url(https://evil.example/x.png)">x</p>',
    "style with expression()": '<p style="width:expression(alert(1))">x</p>',
    "inline script": "<script>alert(1)</script>",
    "script of another site": '<script src="https://evil.example/x.js"></script>',
    "script not the site's own": '<script src="../assets/evil/x.js"></script>',
    "base element": '<base href="https://evil.example/">',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="x.swf"></object>',
    "form": '<form action="https://evil.example/"><input name="q"></form>',
    "style element": "<style>body{display:none}</style>",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "formaction": '<button formaction="javascript:alert(1)">x</button>',
}


@pytest.mark.parametrize("body", LIVE.values(), ids=LIVE.keys())
def test_live_markup_is_found(body: str) -> None:
    found = problems(body)
    assert any(p.startswith(("V003 ", "V001 ")) for p in found), found


def test_a_base_element_anywhere_in_the_page_is_found() -> None:
    assert any("<base" in p for p in problems("<p>x</p>", head='<base href="https://evil.example/">'))


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">',
        '<script src="//cdn.example.com/x.js"></script>',
        '<link rel="icon" href="http://x.example/i.png">',
    ],
)
def test_resources_from_another_host_are_found(head: str) -> None:
    assert [p for p in problems("<p>x</p>", head=head) if p.startswith("V001")], head


def test_broken_links_and_fragments_are_found() -> None:
    links = '<a href="glossary/gone/">a</a> <a href="sources/x/#p9">b</a> <a href="sources/x/#p1">c</a>'
    pages = {
        "index.html": verify.parse_page("index.html", PAGE.format(head="", body=links)),
        "sources/x/index.html": verify.parse_page("sources/x/index.html", PAGE.format(head="", body='<p id="p1">a</p>')),
    }
    found = sorted(d.message for d in verify.check_site(pages, {}, [], set()))
    assert found == ["link 'glossary/gone/' points to a missing page", "link 'sources/x/#p9' points to a missing anchor"]


def test_registered_ids_and_addresses_must_resolve() -> None:
    pages = {"sources/x/index.html": verify.parse_page("sources/x/index.html", PAGE.format(head="", body='<p id="p1">a</p>'))}
    found = [(d.path, d.code, d.message) for d in verify.check_site(pages, {"x": ["p1", "p2"]}, ["/sources/x/#p1", "/glossary/gone/"], set())]
    assert ("anchors/x.json", "P003", "registered id 'p2' does not resolve on /sources/x/") in found
    assert ("anchors/site.json", "P003", "registered address /glossary/gone/ is missing from the built site (add a redirect)") in found
    assert len(found) == 2


SAFE = {
    "the edition's passage markup": '<p class="dpr-passage" id="p1"><a data-insert="" class="dpr-pnum" href="#p1" data-pid="p1"></a>Text.</p>',
    "data for the page's scripts": '<script type="application/json" id="dpr-page-data">{"a": "\\u003cscript\\u003e"}</script>',
    "https and mailto links": '<a href="https://example.com/">a</a> <a href="mailto:x@example.com">b</a>',
    "a timeline bar's position": '<span class="tl-bar" style="left:12.50%;width:3.00%"></span>',
    "escaped payload as text": "<p>&lt;img src=x onerror=alert(1)&gt; java&amp;#9;script:</p>",
}


@pytest.mark.parametrize("body", SAFE.values(), ids=SAFE.keys())
def test_the_editions_own_markup_passes(body: str) -> None:
    assert problems(body) == []


def test_the_sites_own_scripts_pass_outside_the_content() -> None:
    head = '<script src="../assets/dpr.js"></script><script src="/assets/javascripts/bundle.f1e2d3c4.min.js"></script>'
    assert problems("<p>x</p>", head=head, path="sources/x/index.html") == []
    assert problems(head) != []  # inside the content, even the site's own script is out of place
