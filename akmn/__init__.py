"""Domain core of the ASEAN-Korea Migration Network knowledge base.

Pipeline: load (read records) -> validate -> link -> render -> export. No MkDocs import here:
the CLI, the tests and the MkDocs hooks all share this package.
"""
