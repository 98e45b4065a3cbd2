import type { ReactNode } from 'react';
import { SiteChrome } from '@/components/site/site-chrome';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <SiteChrome>
      <div className="mx-auto max-w-sm">{children}</div>
    </SiteChrome>
  );
}
