import { parse, type DefaultTreeAdapterMap } from 'parse5';

// Forms as a browser without JavaScript posts them, over plain HTTP: the page's HTML is
// parsed (parse5, the HTML standard's parser), the form's successful controls are
// collected (hidden inputs included: React's $ACTION_* fields of a server action), a few
// are changed, and the whole is posted as multipart/form-data to the form's address.
// For specs that drive forms without a browser (e2e/cluster-shared.spec.ts).

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export type PlainForm = {
  /** Where the form posts: its action attribute resolved against the page, else the page itself. */
  url: string;
  attrs: Record<string, string>;
  /** The controls a browser sends, in document order, without any submit button. */
  fields: [name: string, value: string][];
  /** The form's named submit buttons. */
  buttons: { name: string; value: string }[];
};

const isElement = (node: Node): node is Element => 'tagName' in node;
const attrsOf = (el: Element) => Object.fromEntries(el.attrs.map((a) => [a.name, a.value]));

function descendants(node: Node, out: Element[] = []): Element[] {
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) {
    if (!isElement(child)) continue;
    out.push(child);
    descendants('content' in child ? child.content : child, out);
  }
  return out;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

const NOT_SENT = new Set(['submit', 'button', 'reset', 'image', 'file']);

/** The value a select sends: its selected option, else its first one. */
function selectValue(select: Element): string | undefined {
  const options = descendants(select).filter((el) => el.tagName === 'option');
  const chosen = options.find((o) => 'selected' in attrsOf(o)) ?? options[0];
  if (!chosen) return undefined;
  return attrsOf(chosen).value ?? textOf(chosen).trim();
}

function readForm(form: Element, pageUrl: string): PlainForm {
  const attrs = attrsOf(form);
  const fields: PlainForm['fields'] = [];
  const buttons: PlainForm['buttons'] = [];
  for (const el of descendants(form)) {
    const a = attrsOf(el);
    if (a.name === undefined || 'disabled' in a) continue;
    const type = (a.type ?? '').toLowerCase();
    if (el.tagName === 'button' && (type === '' || type === 'submit')) buttons.push({ name: a.name, value: a.value ?? '' });
    else if (el.tagName === 'textarea') fields.push([a.name, textOf(el)]);
    else if (el.tagName === 'select') {
      const value = selectValue(el);
      if (value !== undefined) fields.push([a.name, value]);
    } else if (el.tagName === 'input' && !NOT_SENT.has(type)) {
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      fields.push([a.name, a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
    }
  }
  return { url: new URL(attrs.action || pageUrl, pageUrl).toString(), attrs, fields, buttons };
}

/** Every form of the page at `pageUrl`. */
export function formsIn(html: string, pageUrl: string): PlainForm[] {
  return descendants(parse(html))
    .filter((el) => el.tagName === 'form')
    .map((form) => readForm(form, pageUrl));
}

type Headers = Record<string, string>;

/** GETs `pageUrl` and returns its one form that `pick` chooses (by attributes or fields); throws when not exactly one. */
export async function openForm(pageUrl: string, pick: (form: PlainForm) => boolean, headers: Headers = {}): Promise<PlainForm> {
  const res = await fetch(pageUrl, { headers });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`openForm: ${pageUrl} answered ${res.status}`);
  const found = formsIn(html, pageUrl).filter(pick);
  if (found.length !== 1) throw new Error(`openForm: ${found.length} matching forms on ${pageUrl}`);
  return found[0] as PlainForm;
}

/**
 * Posts `form` as the browser would with `button` pressed, after setting fields (a
 * string replaces the field's values, null leaves it out). A field or button the form does
 * not have is an error, so a form that changes fails loudly. Redirects are not followed.
 */
export async function submitForm(
  form: PlainForm,
  { set = {}, button, headers = {} }: { set?: Record<string, string | null>; button?: { name: string; value: string }; headers?: Headers },
): Promise<Response> {
  const missing = Object.keys(set).filter((name) => !form.fields.some(([n]) => n === name));
  if (missing.length) throw new Error(`submitForm: the form has no ${missing.join(', ')}`);
  if (button && !form.buttons.some((b) => b.name === button.name && b.value === button.value)) {
    throw new Error(`submitForm: the form has no button ${button.name}=${button.value}`);
  }
  const body = new FormData();
  const done = new Set<string>();
  for (const [name, value] of form.fields) {
    if (!Object.hasOwn(set, name)) body.append(name, value);
    else if (!done.has(name)) {
      done.add(name);
      const replacement = set[name];
      if (typeof replacement === 'string') body.append(name, replacement);
    }
  }
  if (button) body.append(button.name, button.value);
  return fetch(form.url, { method: 'POST', body, redirect: 'manual', headers: { origin: new URL(form.url).origin, ...headers } });
}
