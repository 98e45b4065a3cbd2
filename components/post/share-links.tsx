import type { Dictionary } from '@/lib/i18n';
import { CopyLinkButton } from './copy-link-button';

// Share links as on Wix: plain links to each network's share page (no third-party scripts).
export function ShareLinks({ url, title, t }: { url: string; title: string; t: Dictionary }) {
  const u = encodeURIComponent(url);
  const networks = [
    { name: 'X', href: `https://x.com/intent/post?url=${u}&text=${encodeURIComponent(title)}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
  ];
  return (
    <div role="group" aria-label={t.share} className="flex flex-wrap items-center gap-2">
      <CopyLinkButton url={url} label={t.copyLink} doneLabel={t.linkCopied} />
      {networks.map((n) => (
        <a key={n.name} href={n.href} target="_blank" rel="noopener noreferrer" className="share-button" aria-label={t.shareOn(n.name)}>
          {n.name}
        </a>
      ))}
    </div>
  );
}
