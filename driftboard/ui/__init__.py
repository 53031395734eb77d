"""The only Streamlit code outside pages/: page setup, shared widgets and the catalogue."""
