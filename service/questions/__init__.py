"""Saved questions: the `.rq` library, typed parameters, routes, result tables and
`samverkan query`."""
