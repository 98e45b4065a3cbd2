import { signOutEverywhereAction } from '@/lib/actions/auth';
import type { ProfileUi } from '@/lib/i18n/en/accounts';

// A plain form post (works without JavaScript): ends every session of the account, this one too.
export function SignOutEverywhereForm({ strings }: { strings: Pick<ProfileUi, 'sessionsHeading' | 'sessionsHint' | 'signOutEverywhere'> }) {
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="mb-3 text-lg font-semibold">
        {strings.sessionsHeading}
      </h2>
      <p className="mb-3 text-neutral-700">{strings.sessionsHint}</p>
      <form action={signOutEverywhereAction}>
        <button type="submit" className="btn-secondary">
          {strings.signOutEverywhere}
        </button>
      </form>
    </section>
  );
}
