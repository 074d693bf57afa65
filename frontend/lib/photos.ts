/** Product photos uploaded to commerce (gallery entries with a photo_id), as the admin's photo manager sees them. */
import type { ProductImage } from "./api/schema";

export type UploadedPhoto = ProductImage & { photo_id: string };

export function uploadedPhotos(images: ProductImage[]): UploadedPhoto[] {
  return images.filter((image): image is UploadedPhoto => typeof image.photo_id === "string" && image.photo_id !== "");
}

/**
 * The photo order after moving `photoId` one place (`step` -1: up, 1: down); null when it is not there, the same
 * order when it is already at that end.
 */
export function movedPhotoOrder(images: ProductImage[], photoId: string, step: -1 | 1): string[] | null {
  const order = uploadedPhotos(images).map((photo) => photo.photo_id);
  const from = order.indexOf(photoId);
  if (from === -1) return null;
  const to = from + step;
  if (to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to] as string, photoId];
  return order;
}

/** The distinct colours of a product's variants, in the order first seen: what a photo can be tagged with. */
export function variantColours(variants: { colour: string }[]): string[] {
  return [...new Set(variants.map((variant) => variant.colour))];
}
