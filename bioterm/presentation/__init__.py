"""Presentation: stored records turned into Rich renderables, with no Textual in sight.

The UI lays these out; the command line could print them. Nothing here
queries the database except through the `Store` it is handed.
"""
