import { preload } from 'react-dom';
import { CARD_WIDTHS, coverWidths, isUploadUrl, optimizedUrl, POST_COLUMN_PX, srcSet, type ImageSize } from '@/lib/media/responsive';

// Covers of uploads are resized by the image optimizer (/_next/image: WebP or AVIF, the
// widths of lib/media/image-widths.json), written here as plain <img srcset> by the server,
// as the post body's images are (lib/markdown.ts). next/image wrote the same markup but is a
// client component: its ~15 kB of script came with every public page and hydrated each
// cover. Any address other than an upload is shown as it is (the optimizer refuses it).

const POST_SIZES = `(min-width: 768px) ${POST_COLUMN_PX}px, 100vw`;
const CARD_SIZES = '(min-width: 1024px) 320px, (min-width: 640px) 50vw, 100vw';

/** The post page's cover: its size comes from the media table, so the page does not move as it loads. */
export function PostCover({ src, alt, size }: { src: string; alt: string; size: ImageSize | null }) {
  if (!size || !isUploadUrl(src)) {
    // eslint-disable-next-line @next/next/no-img-element -- not an upload: the optimizer would refuse it
    return <img src={src} alt={alt} className="mt-8 w-full rounded-md" />;
  }
  const list = coverWidths(size.width);
  const srcset = srcSet(src, list);
  const largest = optimizedUrl(src, list[list.length - 1] ?? size.width);
  // The largest thing on the page: asked for from the <head>, before the body is parsed.
  preload(largest, { as: 'image', imageSrcSet: srcset, imageSizes: POST_SIZES, fetchPriority: 'high' });
  return (
    // eslint-disable-next-line @next/next/no-img-element -- the optimizer's srcset, written by the server (see above)
    <img
      src={largest}
      srcSet={srcset}
      sizes={POST_SIZES}
      alt={alt}
      width={size.width}
      height={size.height}
      fetchPriority="high"
      decoding="async"
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
      {/* eslint-disable-next-line @next/next/no-img-element -- the optimizer's srcset, written by the server (see above) */}
      <img
        src={optimizedUrl(src, CARD_WIDTHS[CARD_WIDTHS.length - 1] ?? 1080)}
        srcSet={srcSet(src, CARD_WIDTHS)}
        sizes={CARD_SIZES}
        alt={alt}
        loading="lazy"
        decoding="async"
        className="absolute inset-0 h-full w-full object-cover"
      />
    </div>
  );
}
