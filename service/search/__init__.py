"""Search: ``GET /search?q=`` over the labels of every resource, Swedish and English."""
