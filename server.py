"""The one server: the Streamlit app (``app.py`` and ``pages/``) and the ingest API under
``/api/v1`` (``driftboard.api``), both on the same port.

    streamlit run server.py --server.port 8501    # what scripts/start.sh runs
"""

from pathlib import Path

import streamlit as st

from driftboard import api

app = st.App(Path(__file__).resolve().parent / "app.py", routes=api.routes())
