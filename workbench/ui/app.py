"""The review app: ``streamlit run workbench/ui/app.py``. This file only lays out the page."""

from __future__ import annotations

import streamlit as st

from workbench.render import CSS
from workbench.ui import state
from workbench.ui.components import compare, export, overview, projects, review, sidebar, start
from workbench.ui.components.pair_html import LAYOUT_CSS, UI_CSS
from workbench.ui.messages import escape_markdown, reported

st.set_page_config(
    page_title="Workbench — translation review",
    page_icon="📖",
    layout="wide",
    initial_sidebar_state="expanded",
)
st.html(f"<style>{CSS}\n{UI_CSS}\n{LAYOUT_CSS}</style>")
with st.sidebar:
    inputs = sidebar.render()

if state.take_align_request():
    start.run_alignment(inputs)
projects.restore_from_url(inputs)

notice = state.take_notice()
if notice is not None:
    getattr(st, notice[0], st.info)(escape_markdown(notice[1]))

session = state.current()
# Only the open tab runs (on_change="rerun"): a save on the Review tab does not recompute
# the Overview's chart or the Export tab's files, and those are fresh when opened.
tab_review, tab_overview, tab_export, tab_projects, tab_compare = st.tabs(
    list(state.TABS),
    # A key keeps the chosen tab when elements above the tabs come and go between runs.
    key=state.TAB_KEY,
    on_change="rerun",
)
if tab_review.open:
    with tab_review:
        if session is None:
            start.empty_state(inputs)
        else:
            start.resume_warnings(inputs, session)
            with reported("review"):
                review.render()
if tab_overview.open:
    with tab_overview:
        if session is None:
            st.info("The overview appears once two texts are aligned or a project is opened.")
        else:
            with reported("overview"):
                overview.render(session)
if tab_export.open:
    with tab_export:
        if session is None:
            st.info("Exports appear once two texts are aligned or a project is opened.")
        else:
            with reported("export"):
                export.render(session)
if tab_projects.open:
    with tab_projects, reported("resume"):
        projects.render(inputs)
if tab_compare.open:
    with tab_compare, reported("compare"):
        compare.render()
