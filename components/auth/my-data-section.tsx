import type { SiteSettings } from '@/lib/dal/settings';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';
import { DeleteAccountForm } from './delete-account-form';

// "Your data" on /profile: the download (a plain link to a GET route: works without
// JavaScript) and the account deletion, saying first what it will do.
export function MyDataSection({
  strings,
  mode,
  confirmWith,
  flash,
}: {
  strings: Dictionary['myDataUi'];
  mode: SiteSettings['deletedAccountComments'];
  confirmWith: 'password' | 'email' | 'none';
  flash: FormState;
}) {
  return (
    <section aria-labelledby="data-heading" className="space-y-6">
      <div>
        <h2 id="data-heading" className="mb-3 text-lg font-semibold">
          {strings.heading}
        </h2>
        <p className="mb-3 text-neutral-700">{strings.downloadText}</p>
        <a href="/profile/data" download className="btn-primary inline-block">
          {strings.download}
        </a>
      </div>
      <div id="delete-account" className="rounded-md border border-red-200 p-4">
        <h3 className="mb-2 font-semibold text-red-900">{strings.deleteHeading}</h3>
        <p className="mb-2 text-neutral-700">{strings.deleteText}</p>
        <p className="mb-4 text-neutral-700">{mode === 'remove' ? strings.removeText : strings.keepText}</p>
        <DeleteAccountForm strings={strings} confirmWith={confirmWith} initialState={flash} />
      </div>
    </section>
  );
}
