import { notFound, permanentRedirect } from 'next/navigation';
import { getLegacyTarget, legacyCandidates } from '@/lib/dal/legacy-paths';

// Any address no other route answers: an imported post's old address (WordPress
// /2025/01/18/slug, Ghost /slug, Jekyll /category/2019/08/19/slug.html) answers 301 to
// the post (the production server turns Next's 308 into 301); anything else is the site's
// 404. Routes with their own segments always win over this one, so no other page reads it.

// Decided whole before the first byte, so the 301 or 404 is a real status, not a script.
export const instant = false;

export function generateStaticParams() {
  return [{ path: ['old-address'] }];
}

export default async function LegacyAddress({ params }: PageProps<'/[...path]'>) {
  const { path } = await params;
  const target = await getLegacyTarget(legacyCandidates(`/${path.join('/')}`));
  if (target) permanentRedirect(`/post/${target}`);
  notFound();
}
