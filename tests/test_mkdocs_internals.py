"""The MkDocs and Material internals that generator/mkdocs/ relies on, pinned.

The build engine goes past MkDocs' public plugin events in a few places (DESIGN: "a test fails
loudly if an upgrade changes the internals it copies"):

- bulk_pages.py renders the catalog's page "shells" as MkDocs' private
  `mkdocs.commands.build._build_page` renders a page (the steps are mirrored, not called), from
  `get_context`, a generated `File` and a `Page` built by hand;
- generated_pages.py's `GeneratedPage` replaces `Page.read_source` and `Page.render`, which MkDocs'
  private `_populate_page` calls between the page events; in a preview, its `PageOnRequest` has
  `_build_page` render a template of its own that writes nothing (a page not built yet), keeps
  MkDocs' message about it out of the terminal, then calls both functions when the page is requested;
- material_html.py edits what Material's `base.html` and `partials/content.html` write;
- theme/ extends Material's blocks and overrides some of its partials by file name;
- sitemap.py appends entries to the sitemap MkDocs writes from its own template;
- assets.py renames the theme's files in `on_files`, which MkDocs runs after adding them, and
  relies on Material's script making only a code block's inner `code` focusable;
- plugin.py's `WrittenOnRequest` leaves a preview's data files out of MkDocs' copy of its static
  files, which calls each file's `copy_file`;
- preview.py wraps MkDocs' live-reload server (a WSGI server) and reads its private version
  counter (tests/test_preview_errors.py pins the error page's part of it).

Each test below names the copy to review when it fails. After reviewing, update the recorded
value here, in the same commit as the upgrade.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import re
import textwrap
from pathlib import Path

import jinja2
import material
import pytest
from markdown.extensions import toc as markdown_toc
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.mkdocs import bulk_pages, material_html
from helpers import REPO

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MKDOCS_TEMPLATES = Path(mkdocs_build_module.__file__).parent.parent / "templates"

# The versions the copies below were last reviewed against.
REVIEWED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}


def review(copy: str, what: str) -> str:
    """The message of a failed pin: what changed, and which of our copies to review."""
    return (f"{what} a changé dans la version installée : relisez {copy}, puis mettez à jour la valeur "
            f"enregistrée dans tests/test_mkdocs_internals.py. ({what} changed in the installed version: "
            f"review {copy}, then update the value recorded in tests/test_mkdocs_internals.py.)")


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return inner and f"{inner}.{node.attr}"
    return None


def steps(function) -> list[str]:
    """What a function does, in the order of its source: each call (`name()`) and each attribute it
    sets (`name =`); a change of wording in a log message or a comment is not a change of steps."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found.append((node.lineno, node.col_offset, f"{_dotted(node.func) or '?'}()"))
        elif isinstance(node, ast.Assign):
            found += [(target.lineno, target.col_offset, f"{_dotted(target)} =")
                      for target in node.targets if isinstance(target, ast.Attribute)]
    return [step for *_, step in sorted(found)]


# --- versions -------------------------------------------------------------------------------------


def pinned(name: str) -> str:
    match = re.search(rf"^{re.escape(name)}==(\S+)", (REPO / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert match, f"{name} is not pinned in requirements.txt"
    return match[1]


@pytest.mark.parametrize("name", list(REVIEWED))
def test_the_installed_versions_are_those_pinned_and_reviewed(name):
    assert importlib.metadata.version(name) == pinned(name), f"the environment is not requirements.txt: reinstall {name}"
    assert pinned(name) == REVIEWED[name], review(
        "generator/mkdocs/ (bulk_pages.py, material_html.py, sitemap.py, preview.py) and theme/, against this file's "
        "tests", f"{name} {REVIEWED[name]} → {pinned(name)}")


# --- bulk_pages.py: the shell is rendered as MkDocs renders a page ---------------------------------

# mkdocs.commands.build._build_page as of MkDocs 1.6.1. BulkPageWriter._shell mirrors the steps from
# `page.active = True` to `on_post_page` (activate the page, get_context, on_page_context, render
# main.html, fix the toggles as on_post_page does, deactivate); it skips the --dirty check, the
# draft marker (`page.content =`), `config._current_page` and the write (the shell is filled and written per page).
BUILD_PAGE_STEPS = [
    "config._current_page =", "page.file.is_modified()", "log.debug()", "page.active =", "get_context()",
    "env.get_template()", "page.meta.get()", "config.plugins.on_page_context()", "page.content =", "template.render()",
    "config.plugins.on_post_page()", "output.strip()", "utils.write_file()", "output.encode()", "log.info()",
    "isinstance()", "log.error()", "page.active =", "config._current_page =",
]


def test_build_page_still_does_the_steps_the_bulk_page_shells_mirror():
    assert steps(mkdocs_build_module._build_page) == BUILD_PAGE_STEPS, review(
        "generator/mkdocs/bulk_pages.py (BulkPageWriter._shell)", "mkdocs.commands.build._build_page")


def test_the_shells_steps_are_those_of_build_page():
    """The copy's side: what _shell does of _build_page's steps, in the same order."""
    mirrored = ["page.active =", "get_context()", "config.plugins.on_page_context()", "page.active ="]
    own = [step for step in steps(bulk_pages.BulkPageWriter._shell) if step in mirrored]
    assert own == mirrored, "bulk_pages.BulkPageWriter._shell no longer mirrors _build_page: see BUILD_PAGE_STEPS"


def test_the_functions_and_classes_the_shells_call_keep_their_signatures():
    copy = "generator/mkdocs/bulk_pages.py (BulkPageWriter._shell)"
    assert list(inspect.signature(mkdocs_build_module.get_context).parameters) == [
        "nav", "files", "config", "page", "base_url"], review(copy, "mkdocs.commands.build.get_context")
    assert list(inspect.signature(mkdocs_build_module._build_page).parameters) == [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded"], review(copy, "_build_page's signature")
    generated = inspect.signature(File.generated)
    assert list(generated.parameters)[:2] == ["config", "src_uri"] and "content" in generated.parameters, review(
        copy + " and plugin.py (on_files)", "File.generated")
    assert list(inspect.signature(Page.__init__).parameters) == ["self", "title", "file", "config"], review(
        copy + " and generated_pages.py (GeneratedPage)", "Page.__init__")
    assert list(inspect.signature(AnchorLink.__init__).parameters) == ["self", "title", "id", "level"], review(
        copy + " and plugin.py (on_page_content)", "mkdocs.structure.toc.AnchorLink")
    assert list(inspect.signature(TableOfContents.__init__).parameters) == ["self", "items"], review(
        copy, "mkdocs.structure.toc.TableOfContents")
    assert "on_page_context" in dir(PluginCollection) and "on_post_page" in dir(PluginCollection)
    assert callable(Files.documentation_pages)


def test_a_page_takes_its_edit_link_from_its_file_when_built():
    """The shell gives the File its edit_uri (a slot) before the Page is made from it: Page.__init__
    must still compute `edit_url` from `file.edit_uri`."""
    copy = "generator/mkdocs/bulk_pages.py (the SOURCE slot)"
    assert "self._set_edit_url(" in inspect.getsource(Page.__init__), review(copy, "Page.__init__")
    setter = inspect.getsource(Page._set_edit_url)
    assert "src_uri = self.file.edit_uri" in setter and "edit_uri + src_uri" in setter, review(copy, "Page._set_edit_url")


# --- generated_pages.py: GeneratedPage replaces read_source and render -----------------------------------

POPULATE_PAGE_STEPS = [
    "config._current_page =", "page.file.is_modified()", "config.plugins.on_pre_page()", "page.read_source()",
    "page.markdown =", "config.plugins.on_page_markdown()", "page.render()", "page.content =",
    "config.plugins.on_page_content()", "isinstance()", "log.error()", "config._current_page =",
]


def test_populate_page_still_calls_read_source_and_render_between_the_page_events():
    copy = "generator/mkdocs/generated_pages.py (GeneratedPage.read_source and render)"
    assert steps(mkdocs_build_module._populate_page) == POPULATE_PAGE_STEPS, review(copy, "mkdocs.commands.build._populate_page")
    assert list(inspect.signature(Page.read_source).parameters) == ["self", "config"], review(copy, "Page.read_source")
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"], review(copy, "Page.render")
    # MkDocs checks anchors against what render found; GeneratedPage.render sets it itself.
    assert "present_anchor_ids" in inspect.getsource(Page.validate_anchor_links), review(copy, "Page.validate_anchor_links")


def test_a_page_on_request_is_built_by_the_functions_it_calls_and_skipped_until_then():
    copy = "generator/mkdocs/generated_pages.py (PageOnRequest, SkippedPages)"
    assert list(inspect.signature(mkdocs_build_module._populate_page).parameters) == [
        "page", "config", "files", "dirty"], review(copy, "_populate_page's signature")
    build_page = inspect.getsource(mkdocs_build_module._build_page)
    # The template a page names in its meta is the one rendered; an empty output is not written.
    assert "env.get_template(page.meta.get('template', 'main.html'))" in build_page, review(copy, "_build_page")
    assert "if output.strip():" in build_page and (
        """log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")""" in build_page), review(
        copy, "_build_page's message on an empty page")
    assert mkdocs_build_module.log.name == "mkdocs.commands.build", review(copy, "the logger of mkdocs.commands.build")
    # The anchors a link targets are read from the page's `present_anchor_ids` (a property here).
    assert "page.present_anchor_ids" in inspect.getsource(Page.validate_anchor_links), review(
        copy, "Page.validate_anchor_links")


# --- material_html.py and theme/: Material's templates ---------------------------------------------


def material(template: str) -> str:
    return (MATERIAL_TEMPLATES / template).read_text(encoding="utf-8")


def test_material_writes_the_two_toggles_that_material_html_fixes():
    found = re.findall(r'<input class="md-toggle"[^>]*>', material("base.html"))
    fixed = [toggle for toggle in found if material_html.without_toggle_autocomplete(toggle) != toggle]
    assert len(fixed) == 2 and all('autocomplete="off"' not in material_html.without_toggle_autocomplete(toggle)
                                   for toggle in fixed), review(
        "generator/mkdocs/material_html.py (without_toggle_autocomplete)", "the toggles of Material's base.html")


def test_materials_skip_link_leads_to_the_first_entry_of_the_table_of_contents():
    base = material("base.html")
    assert "{% set skip = page.toc | first %}" in base and 'class="md-skip"' in base, review(
        "generator/mkdocs/material_html.py (title_anchor) and plugin.py (on_page_content)",
        "the skip link of Material's base.html")


def test_material_writes_a_title_only_when_the_content_has_none():
    """bulk_pages.CONTENT_SLOT begins with "<h1" so that Material prints no title of its own, and
    material_html.title_anchor writes the title Material would write."""
    content = material("partials/content.html")
    assert '{% if "\\u003ch1" not in page.content %}' in content, review(
        "generator/mkdocs/bulk_pages.py (CONTENT_SLOT) and material_html.py (title_anchor)",
        "Material's partials/content.html")
    assert "<h1>{{ page.title | d(config.site_name, true)}}</h1>" in content, review(
        "generator/mkdocs/material_html.py (title_anchor)", "Material's partials/content.html")
    assert bulk_pages.CONTENT_SLOT.startswith("<h1")


def test_material_writes_the_title_and_description_the_shells_leave_as_slots():
    base = material("base.html")
    assert '<meta name="description" content="{{ page.meta.description }}">' in base, review(
        "generator/mkdocs/bulk_pages.py (the DESCRIPTION slot)", "Material's base.html")
    assert "<title>{{ page.meta.title }} - {{ config.site_name }}</title>" in base, review(
        "generator/mkdocs/bulk_pages.py (the TITLE slot)", "Material's base.html")


def test_the_shells_leave_out_of_the_site_search_what_the_theme_marks_for_it():
    """bulk_pages removes the first " data-pagefind-body" of a shell: theme/main.html writes it once."""
    assert (REPO / "theme/main.html").read_text(encoding="utf-8").count(" data-pagefind-body") == 1


def blocks(source: str) -> set[str]:
    return set(re.findall(r"{%-?\s*block\s+(\w+)", source))


@pytest.mark.parametrize("template", ["main.html", "404.html"])
def test_every_block_the_theme_extends_is_one_of_materials(template):
    ours = blocks((REPO / "theme" / template).read_text(encoding="utf-8"))
    theirs = blocks(material("base.html")) | blocks(material("main.html")) | blocks(material("404.html"))
    assert ours and ours <= theirs, review(f"theme/{template}", f"Material's blocks {sorted(ours - theirs)}")


def test_every_partial_the_theme_overrides_is_one_of_materials():
    """A partial Material renamed would be ignored without a word."""
    partials = [path.relative_to(REPO / "theme").as_posix() for path in (REPO / "theme/partials").rglob("*.html")]
    # Included by theme/main.html and theme/partials/javascripts/palette.html, not overrides.
    own = {"partials/deffinov-search.html", "partials/deffinov-search-link.html"}
    missing = [path for path in partials if path not in own and not (MATERIAL_TEMPLATES / path).is_file()]
    assert partials and missing == [], review("theme/partials/", f"Material's partials {missing}")


def test_the_header_includes_the_partial_that_carries_the_search_link():
    """theme/partials/javascripts/palette.html puts the search link in the header's bar, where
    Material's header includes it (for any palette that is not a mapping, ours included)."""
    header = material("partials/header.html")
    assert '{% include "partials/javascripts/palette.html" %}' in header.split('<div class="md-header__title"', 1)[1], review(
        "theme/partials/javascripts/palette.html (the header's search link)", "Material's partials/header.html")


def test_the_phone_menu_still_opens_the_contents_as_deffinov_css_mirrors_it():
    """deffinov/header.js puts a button in place of the menu's label for #__toc, and deffinov.css
    shows and hides it with the rules Material gives the label: the label and those rules are pinned."""
    assert '<label class="md-nav__link md-nav__link--active" for="__toc">' in material("partials/nav-item.html"), review(
        "theme/assets/javascripts/deffinov/header.js (setUpContentsToggle)", "Material's partials/nav-item.html")
    css = next((MATERIAL_TEMPLATES / "assets/stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    for rule in (".md-nav--primary .md-nav__link[for=__toc]{display:none}",
                 "@media screen and (max-width:59.984375em){.md-nav--primary .md-nav__link[for=__toc]{display:flex}",
                 ".md-nav--primary .md-nav__link[for=__toc]+.md-nav__link{display:none}",
                 ".md-nav--primary .md-nav__link[for=__toc]~.md-nav{display:flex}"):
        assert rule in css, review("deffinov.css (the button that opens the page's contents in the phone menu)",
                                   f"Material's rule {rule}")


def test_the_slugify_material_html_uses_still_takes_a_separator():
    assert list(inspect.signature(markdown_toc.slugify).parameters)[:2] == ["value", "separator"]
    assert list(inspect.signature(markdown_toc.unique).parameters)[:2] == ["id", "ids"]
    assert markdown_toc.unique("titre", {"titre"}) == "titre_1"


# --- sitemap.py: MkDocs' sitemap -----------------------------------------------------------------


def test_mkdocs_sitemap_ends_with_the_closing_tag_and_entries_sitemap_py_writes_alike():
    template = (MKDOCS_TEMPLATES / "sitemap.xml").read_text(encoding="utf-8")
    copy = "generator/mkdocs/sitemap.py (add_pages)"
    assert template.rstrip().endswith("</urlset>") and template.count("</urlset>") == 1, review(copy, "MkDocs' sitemap.xml")
    assert "    <url>\n         <loc>" in template and "<lastmod>{{file.page.update_date}}</lastmod>" in template, review(
        copy, "MkDocs' sitemap.xml entries")
    rendered = jinja2.Template(template).render(pages=[])
    assert rendered.rstrip().endswith("</urlset>") and "sitemap.xml" in inspect.getsource(mkdocs_build_module)


# --- preview.py: the live-reload server ----------------------------------------------------------


def test_the_live_reload_server_is_the_wsgi_server_preview_py_wraps(tmp_path):
    copy = "generator/mkdocs/preview.py (OnDemandPages.app and showing_failures) and plugin.py (on_serve)"
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/x/")
    try:
        assert server.mount_path == "/x/", review(copy, "LiveReloadServer.mount_path")
        assert server.get_app() == server.serve_request, review(copy, "LiveReloadServer's WSGI application")
        assert list(inspect.signature(server.serve_request).parameters) == ["environ", "start_response"], review(
            copy, "LiveReloadServer.serve_request")
        server.set_app(lambda environ, start_response: [])
        assert server.get_app() is not server.serve_request
        assert callable(server.builder) and callable(server.watch), review(copy, "LiveReloadServer.builder and watch")
        assert isinstance(server._visible_epoch, int), review(copy, "LiveReloadServer._visible_epoch")
        assert list(inspect.signature(server._inject_js_into_html).parameters) == ["content", "epoch"], review(
            copy, "LiveReloadServer._inject_js_into_html")
    finally:
        server.server_close()


# --- assets.py: the theme's files are in `files` when on_files runs --------------------------------


def test_mkdocs_adds_the_theme_files_before_on_files():
    order = [step for step in steps(mkdocs_build_module.build)
             if step in ("files.add_files_from_theme()", "config.plugins.on_files()", "files.copy_static_files()")]
    assert order == ["files.add_files_from_theme()", "config.plugins.on_files()", "files.copy_static_files()"], review(
        "generator/mkdocs/assets.py (hash_theme_assets)", "mkdocs.commands.build.build")
    parameters = inspect.signature(File).parameters
    assert "dest_uri" in parameters and parameters["dest_uri"].kind is inspect.Parameter.KEYWORD_ONLY, review(
        "generator/mkdocs/assets.py (hash_theme_assets)", "mkdocs.structure.files.File")


def test_mkdocs_copies_each_static_file_through_its_own_copy_file():
    source = textwrap.dedent(inspect.getsource(Files.copy_static_files))
    assert "file.copy_file(dirty)" in source and "is_documentation_page()" in source, review(
        "generator/mkdocs/plugin.py (WrittenOnRequest)", "mkdocs.structure.files.Files.copy_static_files")


def test_material_makes_only_the_inner_code_of_a_block_focusable():
    bundle = next((MATERIAL_TEMPLATES / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    # Material's code block component: tabindex on the code element for a hovering pointer only.
    assert 'matchMedia("(hover)")' in bundle and 'd&&r?e.setAttribute("tabindex","0"):e.removeAttribute("tabindex")' in bundle, review(
        "generator/mkdocs/material_html.py (focusable_code_blocks) and deffinov.css (code blocks)", "Material's code blocks")


def test_the_navigation_titles_are_read_from_mkdocs_yml_sections_included():
    from generator.mkdocs.generated_pages import nav_titles
    nav = [{"Accueil": "index.md"}, "suivre.md", {"Catalogue": [{"Tout le catalogue": "/catalogue/index.md"},
                                                               {"Ailleurs": "https://exemple.fr/"}]}]
    assert nav_titles(nav) == {"index.md": "Accueil", "catalogue/index.md": "Tout le catalogue",
                               "https://exemple.fr/": "Ailleurs"}
