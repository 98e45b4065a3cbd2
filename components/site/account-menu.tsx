'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSyncExternalStore } from 'react';
import { signOutAction } from '@/lib/actions/auth';
import { ACCOUNT_COOKIE } from '@/lib/cookie-names.mjs';

// The header's account corner. Pages are cached alike for everyone, so the server
// renders "Log in"; after load this reads the display-name cookie and shows the
// reader's name and Sign out. Without JavaScript, "Log in" leads to the sign-in page,
// which says who is signed in. The labels come from the site's dictionary.

function readName(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${ACCOUNT_COOKIE}=`));
  if (!match) return null;
  try {
    return decodeURIComponent(match.slice(ACCOUNT_COOKIE.length + 1)) || null;
  } catch {
    return null;
  }
}

const subscribe = () => () => {};

export function AccountMenu({ strings }: { strings: { logIn: string; signOut: string } }) {
  const name = useSyncExternalStore(subscribe, readName, () => null);
  const pathname = usePathname();
  if (!name) {
    return (
      <Link href={`/signin?callbackUrl=${encodeURIComponent(pathname)}`} prefetch={false} className="text-neutral-700 hover:text-neutral-900">
        {strings.logIn}
      </Link>
    );
  }
  return (
    <span className="flex items-center gap-3">
      <Link href="/profile" prefetch={false} className="font-medium text-neutral-900 hover:underline">
        {name}
      </Link>
      <form action={signOutAction}>
        <input type="hidden" name="callbackUrl" value={pathname} />
        <button type="submit" className="text-neutral-700 hover:text-neutral-900">
          {strings.signOut}
        </button>
      </form>
    </span>
  );
}
