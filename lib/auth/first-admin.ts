import 'server-only';
import { describePasswordProblem, hashPassword, passwordProblem } from '@/lib/auth/password';
import { passwordWorkOrBusy } from '@/lib/auth/password-work';
import { createFirstAdmin } from '@/lib/dal/first-admin';
import { getDictionary } from '@/lib/i18n';
import { consume } from '@/lib/rate-limit';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';
import { setupSchema } from '@/lib/validations/setup';

// The /setup form's work, apart from the server action (lib/actions/setup.ts) so the
// integration tests can drive it: validate like sign-up, then create the first admin.

/** /setup is in English, like the admin area. */
const EN = getDictionary('en');

export const SETUP_REFUSED = 'This setup link is not valid. Open the setup link printed by `npm start` (or `npm run setup-link`).';
export const SETUP_CLOSED = 'Setup is done: an admin account already exists. Sign in instead.';

export type SetupOutcome = { ok: true; user: { id: string; name: string; email: string; sessionVersion: number } } | { ok: false; state: NonNullable<FormState> };

export async function setUpFirstAdmin(form: FormData, ip: string): Promise<SetupOutcome> {
  const values = formValues(form, ['name', 'email', 'token']);
  const refuse = (state: Omit<NonNullable<FormState>, 'values'>): SetupOutcome => ({ ok: false, state: { ...state, values } });
  const parsed = setupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return refuse({ message: EN.messages.checkFields, fieldErrors: fieldErrors(parsed.error), status: 400 });
  const { token, name, email, password } = parsed.data;
  const weak = passwordProblem(password, email);
  if (weak) {
    return refuse({ message: 'Choose a stronger password.', fieldErrors: { password: describePasswordProblem(weak, EN.messages.password) }, status: 400 });
  }

  const limited = await consume(['setupIp', ip]);
  if (!limited.ok) return refuse({ message: `Too many attempts. Try again in ${limited.retryAfterS} seconds.`, status: 429 });

  const hashed = await passwordWorkOrBusy(() => hashPassword(password));
  if (!hashed.ok) return refuse({ message: getDictionary('en').messages.busy(hashed.retryAfterS), status: 503 });
  const created = await createFirstAdmin({ token, email, name, passwordHash: hashed.value });
  if (created.ok) return created;
  if (created.reason === 'bad-token') return refuse({ message: SETUP_REFUSED, status: 403 });
  if (created.reason === 'closed') return refuse({ message: SETUP_CLOSED, status: 410 });
  return refuse({ message: EN.messages.checkFields, fieldErrors: { email: 'This email already belongs to an account. Use another one.' }, status: 409 });
}
