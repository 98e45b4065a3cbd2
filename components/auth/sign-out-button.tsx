import { signOutAction } from '@/lib/actions/auth';

// A form, so signing out works without JavaScript. `label` is the dictionary's accountUi.signOut.
export function SignOutButton({ label, callbackUrl = '/', className = 'btn-link' }: { label: string; callbackUrl?: string; className?: string }) {
  return (
    <form action={signOutAction} className="inline">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className={className}>
        {label}
      </button>
    </form>
  );
}
