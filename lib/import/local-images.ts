import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportBundle } from './types';

// Images a Jekyll or Hugo folder holds next to its posts, referenced by relative path
// (`![a](images/x.png)`, `<img src="../x.png">`, Hugo page bundles) or from the site's root
// (`/assets/x.png` in Jekyll's root, `/images/x.png` in Hugo's static/). Finds them in the
// folder, never outside it, and rewrites the links once they are stored (lib/import/store-images.ts).

const MARKDOWN_IMAGE = /(!\[[^\]]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\))/g;
const HTML_IMAGE = /(<img\b[^>]*?\bsrc\s*=\s*["'])([^"']+)(["'])/gi;
const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif)$/i;
const LIQUID_ROOT = /^\{\{\s*-?\s*site\.(?:baseurl|url)\s*-?\s*\}\}/;

/** A reference's file in the folder, or null (a URL elsewhere, not an image, missing, or outside the folder). */
async function localFile(root: string, postFile: string, ref: string): Promise<string | null> {
  let target = ref.replace(LIQUID_ROOT, '').replace(/[?#].*$/, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || !IMAGE_FILE.test(target)) return null;
  try {
    target = decodeURIComponent(target);
  } catch {
    return null;
  }
  const candidates = target.startsWith('/') ? [path.join(root, target), path.join(root, 'static', target)] : [path.join(path.dirname(path.join(root, postFile)), target)];
  for (const candidate of candidates) {
    const resolved = path.resolve(candidate);
    if (!resolved.startsWith(root + path.sep)) continue;
    const info = await stat(resolved).catch(() => null);
    if (info?.isFile()) return resolved;
  }
  return null;
}

export type LocalImages = {
  /** Absolute paths of the image files the Markdown posts reference, each once. */
  files: string[];
  /** Rewrites every post's links, given the stored address of each file (unstored ones are left as they are). */
  rewrite: (urls: Map<string, string>) => void;
};

/** The local images of the Markdown bundle read from the folder `root` (post sourceIds are paths in it). */
export async function findLocalImages(root: string, bundle: ImportBundle): Promise<LocalImages> {
  const base = path.resolve(root);
  const byPost = new Map<number, Map<string, string>>();
  const files = new Set<string>();
  for (const [index, post] of bundle.posts.entries()) {
    const refs = new Map<string, string>();
    for (const pattern of [MARKDOWN_IMAGE, HTML_IMAGE]) {
      for (const match of post.body.matchAll(pattern)) {
        const ref = match[2]!;
        if (refs.has(ref)) continue;
        const file = await localFile(base, post.sourceId, ref);
        if (file) {
          refs.set(ref, file);
          files.add(file);
        }
      }
    }
    if (refs.size > 0) byPost.set(index, refs);
  }
  return {
    files: [...files],
    rewrite: (urls) => {
      for (const [index, refs] of byPost) {
        const post = bundle.posts[index]!;
        const swap = (whole: string, start: string, ref: string, end: string) => {
          const url = urls.get(refs.get(ref) ?? '');
          return url ? `${start}${url}${end}` : whole;
        };
        post.body = post.body.replace(MARKDOWN_IMAGE, swap).replace(HTML_IMAGE, swap);
      }
    },
  };
}
