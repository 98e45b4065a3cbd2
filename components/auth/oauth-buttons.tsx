'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import type { OAuthButton } from '@/lib/auth/providers';

// One button per configured OAuth / OpenID Connect provider, labelled by the page. next-auth
// starts these flows with a CSRF-protected POST, so they need JavaScript; email and password do not.
export function OAuthButtons({ providers, separator, callbackUrl }: { providers: OAuthButton[]; separator: string; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="space-y-2">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          className="btn-secondary w-full"
          disabled={pending !== null}
          onClick={() => {
            setPending(p.id);
            void signIn(p.id, { callbackUrl });
          }}
        >
          {pending === p.id ? p.pendingLabel : p.label}
        </button>
      ))}
      <p className="py-2 text-center text-sm text-neutral-600">{separator}</p>
    </div>
  );
}
