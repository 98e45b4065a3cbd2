// Share images are drawn at the size Open Graph and X (summary_large_image) recommend:
// 1.91:1, large enough for a retina preview.
export const SHARE_IMAGE = { width: 1200, height: 630, contentType: 'image/png' } as const;

/** The cover's part of a post's card: the right side, full height. */
export const COVER_BOX = { width: 520, height: SHARE_IMAGE.height } as const;
