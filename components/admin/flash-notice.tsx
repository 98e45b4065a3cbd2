import type { FormState } from '@/lib/validations/form-state';

/** A notice a form left for the page it ended on (a delete, a merge): success or refusal. */
export function FlashNotice({ state }: { state: FormState }) {
  if (!state?.message) return null;
  return state.ok ? (
    <p role="status" className="mb-6 rounded-md border border-teal-300 bg-teal-50 px-3 py-2 text-sm text-teal-900">
      {state.message}
    </p>
  ) : (
    <p role="alert" className="form-message mb-6">
      {state.message}
    </p>
  );
}
