import type { Page } from '@playwright/test';

// Whether a rendered page carries anything that could run script: what an XSS test
// checks after loading a page full of hostile input.

/** Records every dialog (alert, confirm, prompt) the page opens, and dismisses it. */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}(${dialog.message()}) on ${page.url()}`);
    void dialog.dismiss().catch(() => {});
  });
  return dialogs;
}

// React's own placeholder on a form whose action is a client-side function (the header's
// sign-out form, rendered after load): it only throws if something bypasses React's
// submit handling. Exactly this value on a <form action> is not a payload.
const REACT_FORM_ACTION = String.raw`javascript:throw new Error('A React form was unexpectedly submitted. If you called form.submit() manually, consider using form.requestSubmit() instead. If you\'re trying to use event.stopPropagation() in a submit event handler, consider also calling event.preventDefault().')`;

/**
 * Everything on the page that could run script: any on* attribute anywhere, any URL
 * attribute whose value is a javascript: or vbscript: URL (compared as a browser would,
 * without spaces and control characters, case-insensitively), any <script> in the
 * comment lists, and any active element inside a rendered comment body. React's own
 * form placeholder is the one javascript: URL allowed.
 */
export async function activeContent(page: Page): Promise<string[]> {
  return page.evaluate((reactFormAction) => {
    const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'codebase', 'ping', 'cite', 'srcset']);
    const COMMENT_LISTS = '[data-testid="comment-list"], [data-testid="moderation-queue"], section[aria-labelledby="comments-heading"]';
    const ACTIVE_IN_BODY =
      'script, style, iframe, frame, object, embed, svg, math, img, video, audio, source, form, input, button, textarea, select, base, meta, link, details, marquee, template, noscript, plaintext';
    const where = (el: Element) => {
      const comment = el.closest('[id^="comment-"], [data-comment-id]');
      const label = comment ? comment.id || `queue item ${comment.getAttribute('data-comment-id')}` : 'page';
      return `<${el.tagName.toLowerCase()}> in ${label}`;
    };
    const offences: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) offences.push(`${where(el)} has ${name}=${JSON.stringify(attr.value)}`);
        if (name === 'action' && el.tagName === 'FORM' && attr.value === reactFormAction) continue;
        if (URL_ATTRIBUTES.has(name)) {
          const url = attr.value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
          if (url.startsWith('javascript:') || url.startsWith('vbscript:')) offences.push(`${where(el)} has ${name}=${JSON.stringify(attr.value)}`);
        }
      }
    }
    for (const list of Array.from(document.querySelectorAll(COMMENT_LISTS))) {
      for (const script of Array.from(list.querySelectorAll('script'))) offences.push(`${where(script)}: a script inside a comment list`);
    }
    for (const body of Array.from(document.querySelectorAll('.c-body'))) {
      for (const el of Array.from(body.querySelectorAll(ACTIVE_IN_BODY))) offences.push(`${where(el)}: a <${el.tagName.toLowerCase()}> inside a comment body`);
    }
    return [...new Set(offences)];
  }, REACT_FORM_ACTION);
}
