"""Forgiving parsers for the values people type into spreadsheets."""
