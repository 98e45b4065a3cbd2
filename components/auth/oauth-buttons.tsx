'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

// One button per configured OAuth / OpenID Connect provider. next-auth starts these
// flows with a CSRF-protected POST, so they need JavaScript; email and password do not.
export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
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
          {pending === p.id ? `Opening ${p.name}…` : `Sign in with ${p.name}`}
        </button>
      ))}
      <p className="py-2 text-center text-sm text-neutral-600">or with your email</p>
    </div>
  );
}
