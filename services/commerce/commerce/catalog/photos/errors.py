"""What a photo upload or change can be refused for (mapped to JSON by kit's one handler)."""

from __future__ import annotations

from kit.errors import AppError, NotFound, Unprocessable

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
MIN_PHOTO_SIDE = 200
MAX_PICTURES = 20
MAX_ALT_LENGTH = 200


class PhotoNotFound(NotFound):
    code = "photo_not_found"
    message = "This product has no such photo."


class PhotoFileNotFound(NotFound):
    code = "photo_file_not_found"
    message = "No such photo file."


class PhotoTooLarge(AppError):
    status_code = 413
    code = "photo_too_large"
    message = f"The photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB: export it smaller."


class PhotoNotImage(Unprocessable):
    code = "photo_not_image"
    message = "The file is not a JPEG, PNG or WebP picture."


class PhotoUnreadable(Unprocessable):
    code = "photo_unreadable"
    message = "The picture is damaged or cut short: export it again."


class PhotoTooManyPixels(Unprocessable):
    code = "photo_too_many_pixels"
    message = f"The picture has more than {MAX_PHOTO_PIXELS // 1_000_000} megapixels: make it smaller."


class PhotoTooSmall(Unprocessable):
    code = "photo_too_small"
    message = f"The picture is less than {MIN_PHOTO_SIDE} pixels on its short side: upload a larger one."


class PhotoAnimated(Unprocessable):
    code = "photo_animated"
    message = "Animated pictures are not accepted: upload a still photo."


class PhotoUploadInvalid(Unprocessable):
    code = "photo_upload_invalid"
    message = "Send the photo as multipart/form-data with the picture in the field `file`."


class TooManyPictures(Unprocessable):
    code = "too_many_pictures"
    message = f"A product has at most {MAX_PICTURES} pictures: delete one first."


class PhotoColourUnknown(Unprocessable):
    code = "photo_colour_unknown"
    message = "No variant of this product has this colour: add the variant first, or leave the colour out."


class PhotoAltTooLong(Unprocessable):
    code = "photo_alt_too_long"
    message = f"The alt text is longer than {MAX_ALT_LENGTH} characters."


class PhotoOrderMismatch(Unprocessable):
    code = "photo_order_mismatch"
    message = "The order must name each of this product's photos exactly once."


class UnknownPhoto(Unprocessable):
    code = "unknown_photo"
    message = "A picture names a photo this product does not have (upload photos with the photos endpoint)."
