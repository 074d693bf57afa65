"use client";

import { useRef, useState } from "react";
import type { ProductImage } from "@/lib/api/schema";

/*
 * How wide each picture shows (product.css, globals.css): on phones one at a time, the page's width; from 768 px a
 * grid of two under a first of full width; from 900 px the gallery is the page's left half (at most ~610 px).
 */
const MAIN_SIZES = "(min-width: 1232px) 610px, (min-width: 900px) 52vw, calc(100vw - 2rem)";
const OTHER_SIZES = "(min-width: 1232px) 300px, (min-width: 900px) 26vw, (min-width: 768px) 50vw, calc(100vw - 2rem)";

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
            {/* eslint-disable-next-line @next/next/no-img-element -- commerce makes the renditions (srcset) */}
            <img
              src={image.url}
              srcSet={image.srcset ?? undefined}
              sizes={image.srcset ? (index === 0 ? MAIN_SIZES : OTHER_SIZES) : undefined}
              alt={image.alt || `${title}, picture ${index + 1}`}
              width={image.width ?? 800}
              height={image.height ?? 1000}
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
