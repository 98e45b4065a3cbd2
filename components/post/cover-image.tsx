import Image from 'next/image';
import { isUploadUrl, POST_COLUMN_PX, type ImageSize } from '@/lib/media/responsive';

// Covers through next/image (resized, WebP, a srcset per screen) when they are uploads, the
// only images the optimizer serves (next.config.js localPatterns); any other address is
// shown as it is.

/** The post page's cover: its size comes from the media table, so the page does not move as it loads. */
export function PostCover({ src, alt, size }: { src: string; alt: string; size: ImageSize | null }) {
  if (!size || !isUploadUrl(src)) {
    // eslint-disable-next-line @next/next/no-img-element -- not an upload: the optimizer would refuse it
    return <img src={src} alt={alt} className="mt-8 w-full rounded-md" />;
  }
  return (
    <Image
      src={src}
      alt={alt}
      width={size.width}
      height={size.height}
      sizes={`(min-width: 768px) ${POST_COLUMN_PX}px, 100vw`}
      // The largest thing on the page: fetched early rather than lazily.
      preload
      className="mt-8 h-auto w-full rounded-md"
      data-testid="post-cover"
    />
  );
}

/** A card's cover, cropped to 16:9 (the box holds the space, so no size is needed). */
export function CardCover({ src, alt }: { src: string; alt: string }) {
  if (!isUploadUrl(src)) {
    // eslint-disable-next-line @next/next/no-img-element -- not an upload: the optimizer would refuse it
    return <img src={src} alt={alt} className="aspect-[16/9] w-full object-cover" loading="lazy" />;
  }
  return (
    <div className="relative aspect-[16/9] w-full">
      <Image src={src} alt={alt} fill sizes="(min-width: 1024px) 320px, (min-width: 640px) 50vw, 100vw" className="object-cover" />
    </div>
  );
}
