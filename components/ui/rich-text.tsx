import { Fragment, type ReactNode } from 'react';

/**
 * A dictionary sentence whose {placeholders} are elements (a name in <strong>, a link),
 * so each language keeps its own word order: `<RichText text="On {post}" values={{ post: <Link … /> }} />`.
 */
export function RichText({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  // split() with a capture group: even indexes are text, odd ones placeholder names.
  return text.split(/\{(\w+)\}/).map((part, i) => <Fragment key={i}>{i % 2 === 1 ? values[part] : part}</Fragment>);
}
