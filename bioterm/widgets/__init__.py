"""Reusable dashboard widgets: tab bar, store-backed table, charts, link lists."""
