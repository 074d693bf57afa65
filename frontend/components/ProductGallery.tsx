"use client";

import { useRef, useState } from "react";
import type { ProductImage } from "@/lib/api/schema";

/**
 * The product's pictures, the chosen colour's first (the caller orders them). On phones a swipeable strip
 * (scroll snap) with dots and a counter; on wider screens the first picture large and the rest beneath.
 */
export function ProductGallery({ images, title }: { images: ProductImage[]; title: string }) {
  const track = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  if (images.length === 0) return <div className="gallery skeleton" aria-hidden="true" style={{ aspectRatio: "4 / 5" }} />;
  const show = (index: number) => {
    const strip = track.current;
    const figure = strip?.children[index] as HTMLElement | undefined;
    if (strip && figure) strip.scrollTo({ left: figure.offsetLeft - strip.offsetLeft, behavior: "smooth" });
  };
  return (
    <div className="gallery-wrap">
      <div
        className="gallery"
        ref={track}
        role="group"
        aria-label={`Pictures of ${title}`}
        tabIndex={images.length > 1 ? 0 : undefined}
        onScroll={(event) => {
          const strip = event.currentTarget;
          if (strip.clientWidth > 0) setCurrent(Math.min(images.length - 1, Math.round(strip.scrollLeft / strip.clientWidth)));
        }}
      >
        {images.map((image, index) => (
          <figure key={image.url} data-main={index === 0 ? "" : undefined}>
            {/* eslint-disable-next-line @next/next/no-img-element -- SVGs from /media need no optimisation */}
            <img
              src={image.url}
              alt={image.alt || `${title}, picture ${index + 1}`}
              width={800}
              height={1000}
              loading={index === 0 ? "eager" : "lazy"}
              fetchPriority={index === 0 ? "high" : undefined}
              draggable={false}
            />
          </figure>
        ))}
      </div>
      {images.length > 1 ? (
        <div className="gallery-nav">
          <p className="gallery-count" aria-hidden="true">
            {current + 1} / {images.length}
          </p>
          <div className="gallery-dots">
            {images.map((image, index) => (
              <button
                key={image.url}
                type="button"
                className="gallery-dot"
                aria-label={`Show picture ${index + 1} of ${images.length}`}
                aria-current={index === current ? "true" : undefined}
                onClick={() => show(index)}
              />
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
