import type { Nodes, Root as MdastRoot, RootContent, Text } from 'mdast';

// Limits that keep hostile comment markdown cheap to render (lib/comments/markdown.ts):
// caps on nesting, applied before parsing (per line) and after (per tree).

// micromark is quadratic in the nesting of a single line (5,000 `>` take seconds), so
// container markers past this depth are escaped before parsing and show as text.
const MAX_LINE_NESTING = 10;
// Past this tree depth (no real comment gets close) a node is replaced by its text, so
// the recursive steps after parsing (to-hast, sanitize, stringify) cannot blow the stack:
// 2,500 nested `*` would otherwise make a tree 1,250 levels deep.
const MAX_TREE_DEPTH = 32;

const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const isBlank = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\t';
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Escapes the block-quote and list markers of one line past MAX_LINE_NESTING. */
function capLineNesting(line: string): string {
  let depth = 0;
  let i = 0;
  let done = 0;
  let out = '';
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let marker = i; // the character a backslash would escape
    const ch = line[i];
    if (ch === '>') {
      // `>` needs no space after it.
    } else if ((ch === '-' || ch === '+' || ch === '*') && isBlank(line[i + 1])) {
      // bullet
    } else if (isDigit(ch)) {
      while (isDigit(line[marker]) && marker - i < 9) marker++;
      if ((line[marker] !== '.' && line[marker] !== ')') || !isBlank(line[marker + 1])) break;
    } else {
      break;
    }
    depth++;
    if (depth === MAX_LINE_NESTING + 1 && THEMATIC_BREAK.test(line.slice(i))) break;
    if (depth > MAX_LINE_NESTING) {
      out += `${line.slice(done, marker)}\\`;
      done = marker;
    }
    i = marker + 1;
  }
  return out + line.slice(done);
}

export function capNesting(source: string): string {
  return source
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 0 ? capLineNesting(part) : part))
    .join('');
}

export const text = (value: string): Text => ({ type: 'text', value });

/** Text of an mdast subtree without recursion (the subtree may be very deep). */
function mdastText(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if ('value' in current) parts.push(current.value);
    else if (current.type === 'image' || current.type === 'imageReference') parts.push(current.alt ?? '');
    else if (current.type === 'break') parts.push(' ');
    else if ('children' in current) stack.push(...[...current.children].reverse());
  }
  return parts.join('');
}

function flattened(node: RootContent): RootContent {
  const value = mdastText(node);
  switch (node.type) {
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
      return text(value);
    case 'listItem':
      return { type: 'listItem', children: [{ type: 'paragraph', children: [text(value)] }] };
    case 'tableRow':
      return { type: 'tableRow', children: [{ type: 'tableCell', children: [text(value)] }] };
    case 'tableCell':
      return { type: 'tableCell', children: [text(value)] };
    default:
      return { type: 'paragraph', children: [text(value)] };
  }
}

export function flattenDeepNodes(tree: MdastRoot): void {
  const stack: { children: RootContent[]; depth: number }[] = [{ children: tree.children, depth: 1 }];
  for (let level = stack.pop(); level; level = stack.pop()) {
    const { children, depth } = level;
    for (const [index, child] of children.entries()) {
      if (!('children' in child)) continue;
      if (depth < MAX_TREE_DEPTH) stack.push({ children: child.children, depth: depth + 1 });
      else children[index] = flattened(child);
    }
  }
}
