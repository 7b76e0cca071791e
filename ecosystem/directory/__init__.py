"""The directory: summaries, the map, a page per entity, search, and the choices forms offer."""
