import { signOutAction } from '@/lib/actions/auth';

// A form, so signing out works without JavaScript.
export function SignOutButton({ callbackUrl = '/', className = 'btn-link' }: { callbackUrl?: string; className?: string }) {
  return (
    <form action={signOutAction} className="inline">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
