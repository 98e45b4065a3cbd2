import 'server-only';
import sharp from 'sharp';
import { getUploadBlob } from '@/lib/dal/media-blobs';
import { isUploadUrl } from '@/lib/media/responsive';
import { COVER_BOX } from './size';

// A post's cover for its share image, read from the media store in PostgreSQL (never over
// HTTP: the server does not fetch its own pages, nor anyone else's). Cut to the card's
// cover box and made a JPEG, since satori draws PNG and JPEG only, and a 4000-pixel photo
// would cost it seconds. A cover that is not an upload, or whose bytes are gone, is left out.

export async function coverDataUrl(coverImage: string | null): Promise<string | null> {
  if (!coverImage || !isUploadUrl(coverImage)) return null;
  const blob = await getUploadBlob(coverImage.slice('/uploads/'.length));
  if (!blob) return null;
  try {
    const jpeg = await sharp(blob.data, { animated: false })
      .resize(COVER_BOX.width, COVER_BOX.height, { fit: 'cover', position: 'attention' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch (error) {
    // Bytes sharp cannot read (stored by an old version): the card without its cover beats no card.
    console.error(`og: cover ${coverImage} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
