import { counterKey, type CounterKind } from '@/lib/posts/counters.mjs';

/**
 * One of a post's counts as text ("12 views"), marked for the production server, which puts a
 * signed-in reader's current count in its place in the shared shell (lib/posts/counters.mjs).
 * Hydration keeps the text the server sent: the shell's payload carries the shell's count.
 */
export function Count({ kind, postId, text, testId }: { kind: CounterKind; postId: string; text: string; testId?: string }) {
  return (
    <span data-count={counterKey(kind, postId)} data-testid={testId} suppressHydrationWarning>
      {text}
    </span>
  );
}
