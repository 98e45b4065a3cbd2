import 'server-only';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { invalidate } from '@/lib/cache-invalidation';
import type { Refused } from '@/lib/dal/result';
import { getViewer, type Viewer } from '@/lib/dal/users';
import { answerForm, postedByScript, redirectWithFlash } from '@/lib/form-flash';
import type { Dictionary } from '@/lib/i18n';
import { wordRefusal } from '@/lib/i18n/refusal-words';
import { getSiteContext, type SiteContext } from '@/lib/site';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';

// The one pipeline of every form's server action (in the spirit of saas-starter's
// validatedActionWithUser): the viewer → who may (`can`) → the zod schema → the action's
// body (`run`) → invalidate its tags → the answer. Every refusal goes back to the form
// `key` on the page `back` through answerForm, with what was typed (`keep`): returned to
// the script, or, without JavaScript, kept for one request and redirected to
// (lib/form-flash.ts). Refusals from the data layer are reason codes; they are worded
// here, in the site's language (lib/i18n/refusal-words.ts). A 'use server' module exports
// what these return as they are (`export const xAction = formAction(…)`): async functions,
// all Next allows there; `formPost` for a plain `<form action>` without useActionState.

export type State = NonNullable<FormState>;

/** A refusal already in words (the action's own, or a service's); `at`: for the form `key` of another page instead. */
export type Worded<S extends State = State> = { ok: false; at?: { key: string; to: string } } & S;
/** What the action's body answers after a successful write. */
export type Done<S extends State = State> = {
  ok: true;
  /** Cache tags the write touched, invalidated before answering. */
  tags?: string[];
  /** A change only the viewer sees: re-render their page instead of invalidating. */
  refresh?: boolean;
  /**
   * The answer: the form's new state (`answer`), a page to go to (`redirect`), a message
   * for a form on another page (`flash`), or to a script `script` and otherwise `redirect`.
   */
  then: { answer: S } | { redirect: string } | { flash: { key: string; state: State; to: string } } | { script: S; redirect: string };
};
/** A data-layer refusal, told on the form or on another page (`elsewhere`: the form's page is gone). */
export type Coded = Refused & { elsewhere?: { key: string; to: string } };
export type Outcome<S extends State = State> = Done<S> | Worded<S> | Coded;

export type Context<V, I> = { viewer: V; input: I; form: FormData; values: Record<string, string>; site: SiteContext; t: Dictionary };

type FromForm<T> = T | ((form: FormData) => T);

type Options<Sc extends z.ZodType, S extends State> = {
  /** The flash key of the form the answer is for. */
  key: FromForm<string>;
  /** The page (with #anchor) a refusal goes back to. */
  back: FromForm<string>;
  /** The input's schema; a function of the dictionary for messages in the site's language. Without: the service parses. */
  schema?: Sc | ((t: Dictionary) => Sc);
  /** What the schema parses; by default the form's fields. */
  input?: (form: FormData) => unknown;
  /** The text fields sent back with a refusal (never passwords). */
  keep?: string[];
  /** The message above the field errors; by default t.messages.checkFields. */
  invalid?: (t: Dictionary, errors: Record<string, string>) => string;
  /** Fields every refusal's state carries beside the words (the editor's version). */
  also?: (form: FormData) => Partial<S>;
};

/** Who may: null, or the refusal in words (its status says why: 401 signed out, 403 not allowed). */
export type Rule = (viewer: Viewer | null, t: Dictionary) => State | null;

type Run<V, Sc extends z.ZodType, S extends State> = (ctx: Context<V, Sc extends z.ZodType<infer I> ? I : unknown>) => Promise<Outcome<NoInfer<S>>>;
export type FormAction<S extends State> = (prev: FormState, form: FormData) => Promise<S | null>;
export type PlainAction = (form: FormData) => Promise<void>;

const from = <T>(value: FromForm<T>, form: FormData): T => (typeof value === 'function' ? (value as (form: FormData) => T)(form) : value);

/** A server action for a signed-in viewer whom `can` lets through. */
export function formAction<Sc extends z.ZodType, S extends State = State>(options: Options<Sc, S> & { can: Rule }, run: Run<Viewer, Sc, S>): FormAction<S>;
/** A server action anyone may use (sign-in, password reset): `run` gets the viewer or null. */
export function formAction<Sc extends z.ZodType, S extends State = State>(options: Options<Sc, S> & { can?: undefined }, run: Run<Viewer | null, Sc, S>): FormAction<S>;
export function formAction<Sc extends z.ZodType, S extends State = State>(options: Options<Sc, S> & { can?: Rule }, run: Run<never, Sc, S>): FormAction<S> {
  return pipeline(options, run, false);
}

/**
 * The same for a form posted without useActionState (`<form action={…}>`): every answer is
 * a page to go to, and a refusal waits on `back` as a flash, script or not.
 */
export function formPost<Sc extends z.ZodType>(options: Options<Sc, State> & { can: Rule }, run: Run<Viewer, Sc, State>): PlainAction;
export function formPost<Sc extends z.ZodType>(options: Options<Sc, State> & { can?: undefined }, run: Run<Viewer | null, Sc, State>): PlainAction;
export function formPost<Sc extends z.ZodType>(options: Options<Sc, State> & { can?: Rule }, run: Run<never, Sc, State>): PlainAction {
  const act = pipeline(options, run, true);
  return async (form) => {
    await act(null, form);
  };
}

function pipeline<Sc extends z.ZodType, S extends State>(options: Options<Sc, S> & { can?: Rule }, run: Run<never, Sc, S>, flash: boolean): FormAction<S> {
  return async (_prev, form) => {
    const values = formValues(form, options.keep ?? []);
    const answer = async (state: State): Promise<S | null> => {
      if (!state.ok) state = { ...state, ...options.also?.(form) };
      const key = from(options.key, form);
      const back = from(options.back, form);
      return (flash ? redirectWithFlash(key, state, back) : answerForm(key, state, back)) as Promise<S | null>;
    };
    const [viewer, site] = await Promise.all([getViewer(), getSiteContext()]);
    const { t } = site;
    const refused = options.can ? (options.can(viewer, t) ?? (viewer ? null : { status: 401 })) : null;
    if (refused) return answer({ ...refused, values });

    let input: unknown = options.input ? options.input(form) : Object.fromEntries(form);
    if (options.schema) {
      const schema = typeof options.schema === 'function' ? options.schema(t) : options.schema;
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        return answer({ message: options.invalid ? options.invalid(t, errors) : t.messages.checkFields, fieldErrors: errors, values, status: 400 });
      }
      input = parsed.data;
    }

    const outcome = await run({ viewer: viewer as never, input: input as never, form, values, site, t });
    if (!outcome.ok) {
      if ('reason' in outcome) {
        const { elsewhere } = outcome;
        if (elsewhere) return redirectWithFlash(elsewhere.key, wordRefusal(outcome, t), elsewhere.to);
        return answer({ ...wordRefusal(outcome, t), values });
      }
      const { at, ...state } = outcome;
      if (at) return answerForm(at.key, state, at.to) as Promise<S | null>;
      return answer({ values, ...state });
    }
    if (outcome.tags?.length) invalidate(...outcome.tags);
    if (outcome.refresh) refresh();
    const then = outcome.then;
    if ('answer' in then) return answer(then.answer);
    if ('flash' in then) return redirectWithFlash(then.flash.key, then.flash.state, then.flash.to);
    if ('script' in then && (await postedByScript())) return then.script;
    redirect(then.redirect);
  };
}
