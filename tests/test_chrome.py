"""The site's own chrome as visitors and editors meet it: its look (palette, typeface, mark), a
strict Content-Security-Policy, the keyboard without JavaScript, the skip link, the error page,
and what `mkdocs build` and `mkdocs serve` tell and do for an editor."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import DESKTOP, PHONE, TIMEOUT_MS, axe_violations, guarded_opener, serve
from helpers import PUBLISHER, README, REPO, configure, copy_project, fetch, mkdocs_build, mkdocs_serve, wait_for
from hosting import deployment_headers

MATERIAL_INDIGO = "#4051b5"

# Every kind of page a visitor can land on, and a missing address deep in the site.
SKIP_LINK_KINDS = {
    "accueil": "",
    "programme": "programme/",
    "regions": "regions/",
    "region": "regions/normandie/",
    "appels": "appels/",
    "appel": "appels/normandie-connectee-deffinov/",
    "page légale": "mentions-legales/",
    "comparaison": "comparaison/",
    "données ouvertes": "donnees-ouvertes/",
}
CSP_KINDS = {**SKIP_LINK_KINDS, "région sans appel": "regions/mayotte/", "page introuvable": "nulle/part/introuvable/"}


@pytest.fixture(scope="session")
def csp_url(built_site):
    with serve(built_site, deployment_headers()) as url:
        yield url


@pytest.fixture
def open_page(chromium, base_url):
    yield from guarded_opener(chromium, base_url)


@pytest.fixture(scope="session")
def base_url(built_site):
    with serve(built_site) as url:
        yield url


# --- 1. A look of its own -------------------------------------------------------------------

def test_no_font_is_downloaded():
    # The system's sans-serif: a web font would weigh more than a list page (issue 8).
    css = (REPO / "theme/assets/stylesheets/deffinov.css").read_text(encoding="utf-8")
    assert "@font-face" not in css
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"


@pytest.mark.browser
def test_pages_use_the_system_typeface_our_palette_and_mark(open_page, base_url):
    page = open_page("", DESKTOP)
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.size)") == 0
    assert "sans-serif" in page.evaluate("getComputedStyle(document.body).fontFamily")
    primary = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()")
    assert primary and primary.lower() != MATERIAL_INDIGO
    logo = page.locator(".md-header .md-logo img")
    expect(logo).to_be_visible()
    assert re.search(r"assets/images/logo\.[0-9a-f]{10}\.svg$", logo.get_attribute("src"))  # hashed: assets.py
    assert page.evaluate("document.querySelector('.md-header .md-logo img').naturalWidth") > 0
    favicon = page.locator("link[rel=icon]").get_attribute("href")
    assert favicon == logo.get_attribute("src")
    with urllib.request.urlopen(base_url + favicon) as response:
        assert response.headers["Content-Type"] == "image/svg+xml"


_COLOURS = r"""(selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    // The colour a node's background shows: its own and its ancestors' layered, over white.
    const backgroundOf = (node) => {
        const layers = [];
        for (; node; node = node.parentElement) {
            const [r, g, b, a = 1] = getComputedStyle(node).backgroundColor.match(/[\d.]+/g).map(Number);
            if (a > 0) layers.push([r, g, b, a]);
            if (a >= 1) break;
        }
        let colour = [255, 255, 255];
        for (const [r, g, b, a] of layers.reverse()) {
            colour = [r, g, b].map((c, i) => a * c + (1 - a) * colour[i]);
        }
        return `rgb(${colour.join(", ")})`;
    };
    const style = getComputedStyle(el);
    return {text: style.color, background: backgroundOf(el), around: backgroundOf(el.parentElement),
            outline: style.outlineColor, outlineStyle: style.outlineStyle};
}"""


def _rgb(colour: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    r, g, b, a = (values + [1.0])[:4]
    return tuple(a * c + (1 - a) * u for c, u in zip((r, g, b), under))


def _contrast(one: str, two: str) -> float:
    def luminance(colour):
        channels = [c / 255 for c in colour]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    background = _rgb(two)
    high, low = sorted((luminance(_rgb(one, background)), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# What a visitor reads or sees focused, on each surface of the chrome: (page, width, selector).
TEXT_SURFACES = [
    ("", DESKTOP, ".md-header__topic"),
    ("", DESKTOP, ".md-copyright__highlight"),
    ("", DESKTOP, ".md-copyright a"),
    ("", DESKTOP, ".md-sidebar--primary .md-nav__link--active"),
    ("", DESKTOP, "article a:not(.md-button)"),
    ("", DESKTOP, "article .md-button--primary"),
    ("", DESKTOP, "article .md-button:not(.md-button--primary)"),
    ("", DESKTOP, ".deffinov-status"),
    ("", DESKTOP, ".md-sidebar--secondary .md-nav__title"),
]
FOCUS_SURFACES = [
    ("", DESKTOP, ".md-header .md-logo"),
    ("", DESKTOP, ".md-header [data-deffinov-toggle=__search]"),
    ("", DESKTOP, ".md-sidebar--primary .md-nav__link[href]"),
    ("", DESKTOP, "article a:not(.md-button)"),
    ("", DESKTOP, "article .md-button--primary"),
    ("", DESKTOP, ".md-copyright a"),
    ("", PHONE, ".md-header [data-deffinov-toggle=__drawer]"),
    ("appels/", PHONE, "#filtre-region"),
]


@pytest.mark.browser
@pytest.mark.parametrize("path, width, selector", TEXT_SURFACES)
def test_chrome_text_contrast_is_aa(open_page, path, width, selector):
    page = open_page(path, width)
    colours = page.evaluate(_COLOURS, selector)
    assert colours, selector
    assert _contrast(colours["text"], colours["background"]) >= 4.5, colours


@pytest.mark.browser
@pytest.mark.parametrize("path, width, selector", FOCUS_SURFACES)
def test_focus_ring_is_visible_against_its_surroundings(open_page, path, width, selector):
    page = open_page(path, width)
    page.keyboard.press("Tab")  # keyboard modality, as a keyboard user's focus
    page.locator(selector).first.focus()
    colours = page.evaluate(_COLOURS, selector)
    assert colours["outlineStyle"] != "none", colours
    assert _contrast(colours["outline"], colours["around"]) >= 3, colours


# --- 2. A strict Content-Security-Policy -----------------------------------------------------

def test_readme_gives_a_strict_content_security_policy():
    policy = deployment_headers()["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
    # The nginx example sends the same headers.
    nginx = README.read_text(encoding="utf-8").split("```nginx", 1)[1].split("```", 1)[0]
    for name, value in deployment_headers().items():
        assert f'add_header {name} "{value}" always;' in nginx


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(CSP_KINDS))
def test_every_page_kind_and_search_work_under_the_csp(chromium, csp_url, kind):
    page = chromium.new_page(viewport={"width": DESKTOP, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    console = []
    page.on("console", lambda message: message.type in ("error", "warning") and console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"
    )
    response = page.goto(csp_url + CSP_KINDS[kind])
    assert "script-src 'self' 'wasm-unsafe-eval'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("button", name="Rechercher", exact=True).click()
    page.get_by_role("dialog", name="Rechercher dans le site").locator(".pagefind-ui__search-input").fill("region")
    expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    expect(page.locator(".pagefind-ui__result mark").first).to_be_visible()
    violations = page.evaluate("window.__violations")
    page.close()
    assert violations == []
    # The error page's own 404 status is the only message allowed.
    assert [m for m in console if "404 (Not Found)" not in m] == []


# --- 4. The menu without JavaScript ----------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "appels/normandie-connectee-deffinov/"])
def test_keyboard_reaches_the_menu_on_a_phone_without_javascript(chromium, base_url, path):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    page.goto(base_url + path)
    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            # The drawer slides in (a quarter of a second) and shows the focused entry. Playwright's
            # wait_for_function needs the page's own scripts: poll from here instead.
            assert wait_for(lambda: page.evaluate(
                """() => {
                    const box = document.activeElement.getBoundingClientRect();
                    return box.width > 0 && box.left >= 0 && box.right <= innerWidth;
                }"""
            ), 2), "a menu entry has focus but stays off screen"
            reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    context.close()
    assert "Appels à projets" in reached, reached
    assert "Régions et territoires" in reached, reached


# --- 5. Skip link ---------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", list(SKIP_LINK_KINDS))
def test_skip_link_lands_on_the_page_title(open_page, kind, width):
    page = open_page(SKIP_LINK_KINDS[kind], width)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_count(1)
    page.wait_for_function("document.querySelector(':target') !== null")
    assert page.evaluate("document.querySelector(':target') === document.querySelector('h1')")
    # The title shows below the sticky header, not under it.
    place = page.evaluate(
        """() => ({title: document.querySelector('h1').getBoundingClientRect().top,
                   header: document.querySelector('.md-header').getBoundingClientRect().bottom})"""
    )
    assert place["header"] <= place["title"] < 800, place
    # The keyboard goes on from the title: the next stop follows it in the page.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.querySelector('h1').compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING"
    )


# --- 6. The error page ----------------------------------------------------------------------

@pytest.mark.browser
def test_missing_address_gets_a_french_page_with_ways_out(open_page, base_url):
    page = open_page("nulle/part/introuvable/", PHONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.locator("article")).to_contain_text("n'existe pas")
    assert page.title().startswith("Page introuvable")
    assert axe_violations(page) == []
    for name, title in (
        ("revenir à l'accueil", "DEFFINOV Tiers-lieux"),
        ("liste des appels à projets", "Appels à projets"),
        ("liste des régions et territoires", "Régions et territoires"),
    ):
        page.goto(base_url + "nulle/part/introuvable/")
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.goto(base_url + "nulle/part/introuvable/")
    offer = page.get_by_role("button", name="rechercher dans le site")
    offer.click()
    box = page.get_by_role("dialog", name="Rechercher dans le site").locator(".pagefind-ui__search-input")
    expect(box).to_be_focused()
    page.keyboard.type("normandie")
    results = page.locator(".pagefind-ui__result")
    expect(results.first).to_be_visible()
    href = results.first.locator("a").first.get_attribute("href")
    assert href.startswith("/"), href  # from any depth, results lead into the site
    page.keyboard.press("Escape")
    expect(offer).to_be_focused()


@pytest.mark.browser
def test_error_page_offers_no_search_without_javascript(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(base_url + "nulle/part/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.get_by_role("link", name="liste des appels à projets")).to_be_visible()
    expect(page.get_by_role("button", name="rechercher dans le site")).to_be_hidden()
    context.close()


# --- 7. What an editor sees -----------------------------------------------------------------

QUIET_BUILD = (
    re.compile(r"INFO\s+-\s+Cleaning site directory"),
    re.compile(r"INFO\s+-\s+Building documentation to directory: .*"),
    re.compile(r"INFO\s+-\s+Documentation built in [\d.]+ seconds"),
)


def test_a_build_with_nothing_wrong_prints_nothing_alarming(tmp_path):
    result = mkdocs_build(copy_project(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    unexpected = [line for line in lines if not any(known.fullmatch(line.strip()) for known in QUIET_BUILD)]
    assert unexpected == []


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


ASSET = "hashed:assets/"


def _served_as(base: str, address: str) -> str:
    """A page's address, or the hashed name the home page gives a theme file (assets.py) now."""
    if not address.startswith(ASSET):
        return address
    stem, extension = address.removeprefix("hashed:").rsplit(".", 1)
    return re.search(re.escape(stem) + r"\.[0-9a-f]{10}\." + extension, fetch(base)).group(0)


def test_mkdocs_serve_reloads_on_edits_to_the_theme_and_content(tmp_path):
    project = copy_project(tmp_path)
    with mkdocs_serve(project) as base:
        assert wait_for(lambda: "DEFFINOV" in fetch(base))
        edits = [  # (file, what is added, where it shows, the mark to look for)
            ("theme/assets/stylesheets/deffinov.css", "\n/* repère-feuille */\n", ASSET + "stylesheets/deffinov.css", "repère-feuille"),
            ("theme/assets/javascripts/deffinov/main.js", "\n/* repère-script */\n", ASSET + "javascripts/deffinov/main.js", "repère-script"),
            ("theme/partials/copyright.html", "\n<p>repère-gabarit</p>\n", "", "repère-gabarit"),
            ("content/suivre.md", "\n\nrepère-contenu\n", "suivre/", "repère-contenu"),
        ]
        for source, text, address, marker in edits:
            _append(project / source, text)
            assert wait_for(lambda: marker in fetch(base + _served_as(base, address)), 30), f"{source} edited, {address} unchanged"
        # The programme page comes from a data file in the content folder: a save shows too.
        programme = project / "content/programme.yml"
        programme.write_text(programme.read_text(encoding="utf-8").replace(
            "Le programme est doté de 50 millions d'euros.", "Le programme est doté de 50 millions d'euros. repère-programme"),
            encoding="utf-8")
        assert wait_for(lambda: "repère-programme" in fetch(base + "programme/"), 30), "programme.yml edited, page unchanged"


# --- 8. No placeholders online ---------------------------------------------------------------

PLACEHOLDER_MESSAGES = [
    "mkdocs.yml, rubrique publisher, champ « name » : « [Nom de l'organisme qui publie le site] » est un exemple "
    "à remplacer ; indiquez le nom de l'organisme qui publie le site.",
    "mkdocs.yml, rubrique publisher, champ « address » : « [Adresse postale de l'organisme] » est un exemple à "
    "remplacer ; indiquez l'adresse postale de l'organisme.",
    "mkdocs.yml, rubrique publisher, champ « director » : « [Nom et fonction du directeur ou de la directrice de la "
    "publication] » est un exemple à remplacer ; indiquez le nom et la fonction du directeur ou de la directrice de "
    "la publication.",
    "mkdocs.yml, rubrique publisher, champ « email » : « [Adresse électronique de contact] » est un exemple à "
    "remplacer ; indiquez une adresse électronique de contact.",
    "mkdocs.yml, rubrique publisher, champ « host_name » : « [Nom de l'hébergeur] » est un exemple à remplacer ; "
    "indiquez le nom de l'hébergeur du site.",
    "mkdocs.yml, rubrique publisher, champ « host_address » : « [Adresse et téléphone de l'hébergeur] » est un "
    "exemple à remplacer ; indiquez l'adresse et le téléphone de l'hébergeur.",
    "mkdocs.yml, rubrique publisher, champ « accessibility_contact » : « [Adresse électronique pour signaler un "
    "défaut d'accessibilité] » est un exemple à remplacer ; indiquez l'adresse électronique où signaler un défaut "
    "d'accessibilité.",
    "mkdocs.yml, rubrique publisher, champ « data_protection_contact » : « [Adresse du délégué à la protection des "
    "données] » est un exemple à remplacer ; indiquez l'adresse du délégué à la protection des données.",
]
def test_placeholders_are_fine_for_a_local_preview(tmp_path):
    project = copy_project(tmp_path)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "[Nom de l'organisme qui publie le site]" in (project / "site/mentions-legales/index.html").read_text(encoding="utf-8")


def test_a_public_build_refuses_the_publisher_placeholders_and_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = (project / "site/mentions-legales/index.html").read_bytes()

    configure(project, "https://deffinov.exemple.fr/", None)
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "mis en ligne à l'adresse https://deffinov.exemple.fr/ (site_url)" in output
    for message in PLACEHOLDER_MESSAGES:
        assert f"  - {message}" in output
    assert "Le site précédent est conservé tel quel" in output
    assert (project / "site/mentions-legales/index.html").read_bytes() == before
    assert not (project / "site.partiel").exists()


def test_a_public_build_names_the_one_field_left_empty(tmp_path):
    project = copy_project(tmp_path)
    configure(project, "https://deffinov.exemple.fr/", {**PUBLISHER, "email": ""})
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    named = re.findall(r"champ « (\w+) »", output)
    assert named == ["email"]
    assert ("  - mkdocs.yml, rubrique publisher, champ « email » : non renseigné ; indiquez une adresse "
            "électronique de contact.") in output
    assert not (project / "site").exists()


def test_a_public_build_with_the_publisher_filled_in_goes_through(tmp_path):
    project = copy_project(tmp_path)
    configure(project, "https://deffinov.exemple.fr/", PUBLISHER)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    legal = (project / "site/mentions-legales/index.html").read_text(encoding="utf-8")
    assert "Région Exemple" in legal and "[Nom" not in legal
