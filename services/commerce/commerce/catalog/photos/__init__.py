"""Product photos: uploaded pictures stored in PostgreSQL with WebP renditions (see gallery.py)."""

from commerce.catalog.photos.gallery import add_photo

__all__ = ["add_photo"]
