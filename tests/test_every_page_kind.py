"""Every page kind as people meet it, at phone and desktop widths: each Tab stop can be seen (with
and without JavaScript), nothing fails in the console, the network or the Content-Security-Policy,
and no visible text is smaller than 12 px (the open search dialog included)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import DESKTOP, PAGE_KINDS, PHONE, TIMEOUT_MS, keep_to_origin, serve
from hosting import deployment_headers

pytestmark = pytest.mark.browser

WIDTHS = [PHONE, DESKTOP]


@pytest.fixture(scope="module")
def site_url(built_site):
    """The real site, served with the headers the README tells hosts to send (its CSP included)."""
    with serve(built_site, deployment_headers()) as url:
        yield url


# --- 1. Every Tab stop can be seen (WCAG 2.4.7, RGAA 10.7) -----------------------------------

# What is wrong with the focused element, as a person would see it: nothing (an empty list), or
# why it cannot be seen. "end" when focus has left the page's elements (Tab went past the last).
_FOCUS_PROBLEMS = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return {end: true};
    const text = (el.getAttribute("aria-label") || el.innerText || el.value || el.title || "")
        .replace(/\s+/g, " ").trim().slice(0, 50);
    const classes = [...el.classList].slice(0, 2).map(c => "." + c).join("");
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes + (text ? " «" + text + "»" : "");
    const problems = [];
    const style = getComputedStyle(el);
    if (style.visibility !== "visible") problems.push("visibility:" + style.visibility);
    let opacity = 1;
    for (let node = el; node; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
    if (opacity < 0.1) problems.push("transparent (opacity " + opacity.toFixed(2) + ")");
    // Its boxes, or its children's when it draws none of its own (a link around a block).
    let rects = [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) {
        rects = [...el.querySelectorAll("*")].flatMap(c => [...c.getClientRects()]).filter(r => r.width > 0 && r.height > 0);
    }
    if (!rects.length) return {name, problems: [...problems, "no size"]};
    // The part of each box on screen: inside the viewport and every ancestor that clips it.
    const clip = (r) => {
        let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
        for (let node = el.parentElement; node && node !== document.documentElement; node = node.parentElement) {
            const s = getComputedStyle(node);
            if (s.overflowX === "visible" && s.overflowY === "visible" && s.clipPath === "none" && s.clip === "auto") continue;
            const b = node.getBoundingClientRect();
            [left, top, right, bottom] = [Math.max(left, b.left), Math.max(top, b.top), Math.min(right, b.right), Math.min(bottom, b.bottom)];
        }
        [left, top, right, bottom] = [Math.max(left, 0), Math.max(top, 0), Math.min(right, innerWidth), Math.min(bottom, innerHeight)];
        return {left, top, width: right - left, height: bottom - top};
    };
    const shown = rects.map(clip).sort((a, b) => b.width * b.height - a.width * a.height)[0];
    if (shown.width < 2 || shown.height < 2) {
        const r = rects[0];
        problems.push(`off screen or clipped (box ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}, viewport ${innerWidth}×${innerHeight})`);
    } else {
        // Something else drawn on top of it (an overlay, a closed panel, the sticky header)?
        const x = shown.left + shown.width / 2, y = shown.top + shown.height / 2;
        const hit = document.elementFromPoint(x, y);
        const labelled = hit && [...(el.labels || [])].some(label => label.contains(hit));
        if (hit && hit !== el && !el.contains(hit) && !labelled) {
            const other = hit.tagName.toLowerCase() + [...hit.classList].slice(0, 2).map(c => "." + c).join("");
            problems.push("covered by " + other);
        }
    }
    return {name, problems};
}"""

MAX_STOPS = 400
TRANSITION_MS = 400


def _invisible_stops(page) -> tuple[list[str], list[str]]:
    """Press Tab through the whole page; each stop that cannot be seen, numbered, and every stop.
    A stop is judged once any transition it starts (a drawer sliding in) is over."""
    invisible, first, stops = [], None, []
    for stop in range(1, MAX_STOPS + 1):
        page.keyboard.press("Tab")
        found = page.evaluate(_FOCUS_PROBLEMS)
        if found.get("end") or found["name"] == first:
            break
        stops.append(found["name"])
        first = first or found["name"]
        if found["problems"]:
            page.wait_for_timeout(TRANSITION_MS)
            found = page.evaluate(_FOCUS_PROBLEMS)
            if found.get("end"):
                break
        if found["problems"]:
            invisible.append(f"Tab {stop}: {found['name']}: {', '.join(found['problems'])}")
    return invisible, stops


@pytest.mark.parametrize("script", [True, False], ids=["js", "sans-js"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_tab_stop_can_be_seen(chromium, site_url, kind, width, script):
    context = chromium.new_context(java_script_enabled=script, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(site_url + PAGE_KINDS[kind])
    if script:  # the header's buttons are in place once the page's modules have run
        expect(page.locator(".md-header [data-deffinov-toggle=__search]")).to_be_attached()
    invisible, stops = _invisible_stops(page)
    context.close()
    assert len(stops) > 3, f"{kind}: Tab reached only {stops}"
    mode = "JavaScript" if script else "sans JavaScript"
    assert invisible == [], f"{kind} ({PAGE_KINDS[kind] or '/'}) at {width} px, {mode}:\n" + "\n".join(invisible)


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_tab_stop_from_the_open_menu_can_be_seen(chromium, site_url, kind):
    """On a phone, Tab from the menu once opened: through the drawer, then on into the page."""
    context = chromium.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(site_url + PAGE_KINDS[kind])
    menu = page.locator(".md-header [data-deffinov-toggle=__drawer]")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    # Focus goes into the menu, and Tab goes through its entries before the page's.
    expect(page.locator(".md-sidebar--primary :focus")).to_have_count(1)
    invisible, stops = _invisible_stops(page)
    entries = [stop for stop in stops if "md-nav__link" in stop]
    assert any("Appels à projets" in entry for entry in entries[:12]), stops[:12]
    context.close()
    assert len(stops) > 3, f"{kind}: Tab reached only {stops}"
    assert invisible == [], f"{kind} ({PAGE_KINDS[kind] or '/'}) at {PHONE} px, menu open:\n" + "\n".join(invisible)




def test_the_keyboard_opens_the_pages_contents_in_the_phone_menu(chromium, site_url):
    """The current page's entry in the phone menu opens its table of contents: a button Tab reaches
    (Material's label is none), whose contents close again when focus goes back out of them."""
    page = chromium.new_page(viewport={"width": PHONE, "height": 800})
    page.goto(site_url + "contribuer/")
    page.locator(".md-header [data-deffinov-toggle=__drawer]").focus()
    page.keyboard.press("Enter")
    contents = page.locator(".md-sidebar--primary").get_by_role("button", name="Contribuer : table des matières")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.deffinovToggle === '__toc'"):
            break
    expect(contents).to_be_focused()
    page.keyboard.press("Enter")
    expect(contents).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    first = page.locator(".md-sidebar--primary .md-nav--secondary").get_by_role("link", name="Où sont les fichiers")
    expect(first).to_be_focused()
    page.wait_for_timeout(TRANSITION_MS)
    assert page.evaluate(_FOCUS_PROBLEMS)["problems"] == []
    page.keyboard.press("Shift+Tab")
    expect(contents).to_be_focused()
    expect(contents).to_have_attribute("aria-expanded", "false")
    page.close()


# --- Search without JavaScript ---------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_header_search_leads_to_the_ways_in(chromium, site_url, width):
    """Search runs in the browser: without JavaScript the header's search is a link to a page that
    says so and leads to the lists of the site, from any page (the error page too)."""
    context = chromium.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("appels/normandie-connectee-deffinov/", "nulle/part/introuvable/"):
        page.goto(site_url + path)
        search = page.locator(".md-header").get_by_role("link", name="Rechercher", exact=True)
        expect(search).to_be_visible()
        search.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher dans le site")
        expect(page.get_by_text("La recherche dans le site a besoin de JavaScript")).to_be_visible()
        expect(page.get_by_role("button", name="Ouvrir la recherche")).to_be_hidden()
    for name, title in (("liste des appels à projets", "Appels à projets"), ("catalogue des ressources", "Catalogue des ressources")):
        page.goto(site_url + "recherche/")
        page.locator("article").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
    context.close()


def test_with_javascript_the_search_page_opens_the_search(chromium, site_url):
    """Reached with JavaScript (a shared link), the page offers the search itself, not the word
    meant for readers without JavaScript; the header holds a button, not the link."""
    page = chromium.new_page(viewport={"width": PHONE, "height": 800})
    page.goto(site_url + "recherche/")
    expect(page.locator(".md-header [data-deffinov-search-link]")).to_have_count(0)
    expect(page.get_by_text("La recherche dans le site a besoin de JavaScript")).to_be_hidden()
    offer = page.get_by_role("button", name="Ouvrir la recherche")
    offer.click()
    expect(page.get_by_role("dialog", name="Rechercher dans le site").locator(".pagefind-ui__search-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(offer).to_be_focused()
    page.close()


# --- 2. Nothing fails: console, network, Content-Security-Policy ------------------------------

_RECORD_VIOLATIONS = """
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
        "CSP " + e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sourceFile || "") + ":" + e.lineNumber));
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_nothing_fails_in_the_console_the_network_or_the_policy(chromium, site_url, kind, width):
    """Read to its end, then searched: no console error, no request answered 400 or more or
    failing, no request to another site, nothing the Content-Security-Policy blocks."""
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    address = site_url + PAGE_KINDS[kind]
    failures, outside = [], []
    keep_to_origin(page, site_url, outside)
    page.add_init_script(_RECORD_VIOLATIONS)
    # The error page is meant to answer 404: its own status, and the browser's line about it, are no failure.
    page.on("console", lambda m: m.type == "error" and m.location.get("url") != address
            and failures.append(f"console: {m.text} ({m.location.get('url')})"))
    page.on("pageerror", lambda error: failures.append(f"script: {error}"))
    page.on("response", lambda r: r.status >= 400 and r.url != address and failures.append(f"HTTP {r.status}: {r.url}"))
    page.on("requestfailed", lambda r: r.url.startswith(site_url)
            and failures.append(f"request failed: {r.url} ({r.failure})"))
    page.goto(address)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 100_000)  # down to the foot of the page, then back: what scrolling loads or shows
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -100_000)
    page.get_by_role("button", name="Rechercher", exact=True).click()
    page.get_by_role("dialog", name="Rechercher dans le site").locator(".pagefind-ui__search-input").fill("formation")
    expect(page.locator(".pagefind-ui__result mark").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    failures += page.evaluate("window.__violations")
    page.close()
    assert outside == [], f"requests to other sites: {outside}"
    assert failures == [], f"{kind} ({PAGE_KINDS[kind] or '/'}) at {width} px:\n" + "\n".join(failures)


# --- 3. No text under 12 px ------------------------------------------------------------------

MIN_TEXT_PX = 12

# Each element that shows text inside `root` and its size on screen, when under `min` px: the
# computed font size, scaled for an SVG's text as drawn. Text that is not drawn (display:none,
# visibility:hidden, transparent, or clipped to a pixel for screen readers) is not looked at.
_SMALL_TEXT = r"""([selector, min]) => {
    const small = [];
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    const hiddenFromSight = (el) => {
        for (let node = el; node; node = node.parentElement) {
            const s = getComputedStyle(node);
            if (parseFloat(s.opacity) === 0) return true;
            const b = node.getBoundingClientRect();
            if ((b.width <= 1 || b.height <= 1) && s.overflow !== "visible") return true;
        }
        return false;
    };
    for (let text; (text = walker.nextNode());) {
        const el = text.parentElement;
        if (!text.data.trim() || !el || seen.has(el)) continue;
        seen.add(el);
        const range = document.createRange();
        range.selectNodeContents(text);
        if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
        const style = getComputedStyle(el);
        if (style.visibility !== "visible" || hiddenFromSight(el)) continue;
        let size = parseFloat(style.fontSize);
        if (el instanceof SVGElement) {
            const m = el.getScreenCTM();
            size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
        }
        if (size < min - 0.01) {
            const classes = [...el.classList].slice(0, 2).map(c => "." + c).join("");
            small.push(`${el.tagName.toLowerCase()}${classes} «${text.data.trim().replace(/\s+/g, " ").slice(0, 40)}»: ${size.toFixed(1)} px`);
        }
    }
    return small;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_text_is_under_12_px(chromium, site_url, kind, width):
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.goto(site_url + PAGE_KINDS[kind])
    expect(page.locator(".md-header [data-deffinov-toggle=__search]")).to_be_attached()
    small = page.evaluate(_SMALL_TEXT, ["body", MIN_TEXT_PX])
    page.close()
    assert small == [], f"{kind} ({PAGE_KINDS[kind] or '/'}) at {width} px:\n" + "\n".join(small)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_dialog_reads_at_body_size_and_its_link_shows(chromium, site_url, width):
    """Open, searched, with sub-results and the button that clears the field: its text is at the
    size of the page's text, never under 12 px, and its link to the catalog is underlined."""
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.goto(site_url)
    page.get_by_role("button", name="Rechercher", exact=True).click()
    dialog = page.get_by_role("dialog", name="Rechercher dans le site")
    dialog.locator(".pagefind-ui__search-input").fill("formation")
    expect(dialog.locator(".pagefind-ui__result-excerpt mark").first).to_be_visible()
    expect(dialog.locator(".pagefind-ui__search-clear")).to_be_visible()
    small = page.evaluate(_SMALL_TEXT, ["[data-deffinov-search]", MIN_TEXT_PX])
    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    sizes = dialog.locator(".deffinov-search__catalog, .pagefind-ui__result-excerpt").evaluate_all(
        "elements => elements.map(el => parseFloat(getComputedStyle(el).fontSize))")
    underline = dialog.locator(".deffinov-search__catalog a").evaluate("a => getComputedStyle(a).textDecorationLine")
    page.close()
    assert small == [], f"search dialog at {width} px:\n" + "\n".join(small)
    assert min(sizes) >= body_size * 0.9, (sizes, body_size)
    assert "underline" in underline
