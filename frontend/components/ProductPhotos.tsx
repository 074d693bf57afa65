import { deletePhoto, movePhoto, updatePhoto } from "@/lib/actions/catalog-admin";
import type { Product } from "@/lib/api/schema";
import { uploadedPhotos, variantColours } from "@/lib/photos";
import { AdminActionForm } from "./forms/AdminActionForm";
import { PhotoUploadForm } from "./forms/CatalogForms";

const THUMBNAIL_WIDTH = 120;

/** The product editor's photos: each with its thumbnail, alt text and colour, moved, edited or deleted; then an upload. */
export function ProductPhotos({ product }: { product: Product }) {
  const photos = uploadedPhotos(product.images);
  const linked = product.images.length - photos.length;
  const colours = variantColours(product.variants);
  return (
    <section aria-labelledby="photos-heading">
      <h2 id="photos-heading">Photos</h2>
      {photos.length === 0 ? (
        <p className="muted">No photos uploaded yet: upload one per colour.</p>
      ) : (
        <ol className="photo-list" aria-labelledby="photos-heading">
          {photos.map((photo, index) => {
            const number = index + 1;
            const which = <span className="visually-hidden"> photo {number}</span>;
            const hidden = { product_id: product.id, photo_id: photo.photo_id };
            return (
              <li key={photo.photo_id} className="photo-item">
                {/* eslint-disable-next-line @next/next/no-img-element -- commerce makes the renditions (srcset) */}
                <img
                  src={photo.url}
                  srcSet={photo.srcset ?? undefined}
                  sizes={`${THUMBNAIL_WIDTH}px`}
                  width={photo.width ?? 800}
                  height={photo.height ?? 1000}
                  alt={photo.alt}
                  loading="lazy"
                />
                <div className="photo-details">
                  <p className="photo-caption">
                    <strong>Photo {number}</strong> · {photo.colour ?? "every colour"}
                    {photo.width && photo.height ? (
                      <span className="muted">
                        {" "}
                        · {photo.width} × {photo.height} px
                      </span>
                    ) : null}
                  </p>
                  <AdminActionForm action={updatePhoto} hidden={hidden} label={<>Save{which}</>}>
                    <span className="photo-field photo-alt">
                      <label htmlFor={`alt-${photo.photo_id}`}>
                        Alt text<span className="visually-hidden"> of photo {number}</span>
                      </label>
                      {/* Keyed by the saved value: a new default is shown once saved (the select's alike). */}
                      <input key={photo.alt} id={`alt-${photo.photo_id}`} name="alt" maxLength={200} defaultValue={photo.alt} />
                    </span>
                    <span className="photo-field">
                      <label htmlFor={`colour-${photo.photo_id}`}>
                        Colour<span className="visually-hidden"> of photo {number}</span>
                      </label>
                      <select key={photo.colour ?? ""} id={`colour-${photo.photo_id}`} name="colour" defaultValue={photo.colour ?? ""}>
                        <option value="">Every colour</option>
                        {colours.map((colour) => (
                          <option key={colour}>{colour}</option>
                        ))}
                      </select>
                    </span>
                  </AdminActionForm>
                  <div className="photo-actions">
                    {index > 0 ? (
                      <AdminActionForm action={movePhoto} hidden={{ ...hidden, direction: "up" }} label={<>Move up{which}</>} />
                    ) : null}
                    {index < photos.length - 1 ? (
                      <AdminActionForm action={movePhoto} hidden={{ ...hidden, direction: "down" }} label={<>Move down{which}</>} />
                    ) : null}
                    <AdminActionForm action={deletePhoto} hidden={hidden} label={<>Delete{which}</>} danger />
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {linked > 0 ? (
        <p className="muted">
          The gallery also has {linked} {linked === 1 ? "picture" : "pictures"} linked by address (set through the API); they keep
          their place.
        </p>
      ) : null}
      <h3>Upload a photo</h3>
      <PhotoUploadForm productId={product.id} colours={colours} />
    </section>
  );
}
