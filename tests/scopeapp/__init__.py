"""A test-only business line: one ScopedModel with pages and API routes built on the standard helpers, so the
cross-org scope matrix (tests/test_scope_matrix.py) has something to probe before real lines exist, and keeps
proving the helpers themselves afterwards. Installed only under pytest (see install.py)."""
