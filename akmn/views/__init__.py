"""Stage 4's views: the prepared data each page template prints (see akmn/render.py)."""
