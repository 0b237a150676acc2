"""Thin ipywidgets views over the salestrain models; each can be driven from Python."""
