"""Renderers: view models and the published model -> bytes at output paths."""
