import type { ProductImage } from "@/lib/api/schema";

export function ProductGallery({ images, title }: { images: ProductImage[]; title: string }) {
  if (images.length === 0) return <div className="gallery skeleton" aria-hidden="true" style={{ aspectRatio: "4 / 5" }} />;
  return (
    <div className="gallery">
      {images.map((image, index) => (
        <figure key={image.url}>
          {/* eslint-disable-next-line @next/next/no-img-element -- SVGs from /media need no optimisation */}
          <img
            src={image.url}
            alt={image.alt || `${title}, picture ${index + 1}`}
            width={800}
            height={1000}
            loading={index === 0 ? "eager" : "lazy"}
            fetchPriority={index === 0 ? "high" : undefined}
          />
        </figure>
      ))}
    </div>
  );
}
