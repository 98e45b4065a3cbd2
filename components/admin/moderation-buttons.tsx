'use client';

import { useActionState } from 'react';
import { moderateCommentAction, setBannedAction } from '@/lib/actions/moderation';
import type { ModerationAction } from '@/lib/dal/moderation';

const LABELS: Record<ModerationAction, string> = { approve: 'Approve', hide: 'Hide', unhide: 'Unhide', delete: 'Delete' };

// A moderator's buttons for one queue item: plain forms, errors shown in place.
export function ModerationButtons({ commentId, actions, returnTo }: { commentId: string; actions: ModerationAction[]; returnTo: string }) {
  const [state, action, pending] = useActionState(moderateCommentAction, null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {actions.map((a) => (
        <form key={a} action={action}>
          <input type="hidden" name="commentId" value={commentId} />
          <input type="hidden" name="action" value={a} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit" disabled={pending} className={a === 'delete' ? 'btn-secondary text-red-800' : 'btn-secondary'}>
            {LABELS[a]}
          </button>
        </form>
      ))}
      <span role="status" aria-live="polite" className="field-error">
        {state?.message}
      </span>
    </div>
  );
}

export function BanButton({ userId, banned, name, returnTo }: { userId: string; banned: boolean; name: string; returnTo: string }) {
  const [state, action, pending] = useActionState(setBannedAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="banned" value={banned ? 'false' : 'true'} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" disabled={pending} className="btn-secondary">
        {banned ? `Unban ${name}` : `Ban ${name}`}
      </button>
      <span role="status" aria-live="polite" className="field-error">
        {state?.message}
      </span>
    </form>
  );
}
