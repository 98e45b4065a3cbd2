import 'server-only';
import { z } from 'zod';
import type { ImportAuthor } from '@/lib/import/types';
import { withoutUnstorable } from '@/lib/validations/storable-text';
import { known, newId, remember, type ImportContext } from './import-context';

// Authors and commenters of an export become accounts without a password or sign-in
// provider, so nobody can sign in as them until the person claims the account (by email).
// An address that already has an account on this site is that account: its role is kept.

const NAME_MAX = 50;
const email = z.email().max(254);

function cleanName(name: string): string {
  // By code point, so a name is never cut inside a surrogate pair.
  return Array.from(withoutUnstorable(name).trim()).slice(0, NAME_MAX).join('').trim() || 'Anonymous';
}

function cleanEmail(value: string | null): string | null {
  const trimmed = value?.trim().toLowerCase() ?? '';
  return email.safeParse(trimmed).success ? trimmed : null;
}

async function userByEmail(ctx: ImportContext, address: string): Promise<string | null> {
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE lower(email) = ${address} ORDER BY created_at, id LIMIT 1`;
  return rows[0]?.id ?? null;
}

async function exists(ctx: ImportContext, id: string): Promise<boolean> {
  return (await ctx.tx.user.count({ where: { id } })) > 0;
}

export type Person = { kind: 'author' | 'commenter'; sourceId: string; name: string; email: string | null };

async function importPerson(ctx: ImportContext, person: Person): Promise<string> {
  const memo = `${person.kind}:${person.sourceId}`;
  const seen = ctx.people.get(memo);
  if (seen) return seen;
  const id = await resolvePerson(ctx, person);
  ctx.people.set(memo, id);
  return id;
}

async function resolvePerson(ctx: ImportContext, person: Person): Promise<string> {
  const counter = person.kind === 'author' ? 'authors' : 'commenters';
  const before = known(ctx, person.kind, person.sourceId);
  if (before && (await exists(ctx, before.targetId))) {
    ctx.report.unchanged[counter] += 1;
    return before.targetId;
  }
  const address = cleanEmail(person.email);
  const existing = address ? await userByEmail(ctx, address) : null;
  if (existing) {
    ctx.report.matched[counter] += 1;
    await remember(ctx, person.kind, person.sourceId, existing);
    return existing;
  }
  const user = await ctx.tx.user.create({
    data: { name: cleanName(person.name), email: address, role: person.kind === 'author' ? 'AUTHOR' : 'MEMBER' },
    select: { id: true },
  });
  ctx.report.created[counter] += 1;
  await remember(ctx, person.kind, person.sourceId, user.id);
  return user.id;
}

export function importAuthor(ctx: ImportContext, author: ImportAuthor): Promise<string> {
  return importPerson(ctx, { kind: 'author', ...author });
}

/** A commenter is one account per email address (or per name, without one) within a source. */
export function commenterOf(name: string, address: string | null): Person {
  const clean = cleanEmail(address);
  return { kind: 'commenter', sourceId: clean ? `email:${clean}` : `name:${cleanName(name)}`, name, email: clean };
}

/**
 * The accounts of many commenters at once, in their order, counted in the report as
 * importPerson counts them: three statements for all, not three per person.
 */
export async function importCommenters(ctx: ImportContext, people: Person[]): Promise<string[]> {
  const fresh = new Map<string, Person>();
  for (const p of people) {
    const memo = `${p.kind}:${p.sourceId}`;
    // The first comment of a person names the account, as when they came one by one.
    if (!ctx.people.has(memo) && !fresh.has(memo)) fresh.set(memo, p);
  }
  const list = [...fresh.values()];
  const knownIds = list.map((p) => known(ctx, p.kind, p.sourceId)?.targetId).filter((id): id is string => !!id);
  // One array parameter, however many people (a list of ids would be one bind parameter each).
  const existing = new Set((await ctx.tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ANY(${knownIds}::text[])`).map((u) => u.id));
  const addresses = list.map((p) => cleanEmail(p.email)).filter((a): a is string => !!a);
  const byEmail = new Map(
    (
      await ctx.tx.$queryRaw<{ email: string; id: string }[]>`
        SELECT DISTINCT ON (lower(email)) lower(email) AS email, id FROM users WHERE lower(email) = ANY(${addresses}::text[]) ORDER BY lower(email), created_at, id`
    ).map((r) => [r.email, r.id]),
  );
  const created: { id: string; name: string; email: string | null }[] = [];
  for (const p of list) {
    const before = known(ctx, p.kind, p.sourceId);
    const address = cleanEmail(p.email);
    let id: string;
    if (before && existing.has(before.targetId)) {
      ctx.report.unchanged.commenters += 1;
      id = before.targetId;
    } else if (address && byEmail.has(address)) {
      ctx.report.matched.commenters += 1;
      id = byEmail.get(address)!;
      await remember(ctx, p.kind, p.sourceId, id);
    } else {
      id = newId();
      created.push({ id, name: cleanName(p.name), email: address });
      ctx.report.created.commenters += 1;
      await remember(ctx, p.kind, p.sourceId, id);
    }
    ctx.people.set(`${p.kind}:${p.sourceId}`, id);
  }
  if (created.length > 0) {
    await ctx.tx.$executeRaw`
      INSERT INTO users (id, name, email, role, updated_at)
      SELECT id, name, email, 'MEMBER'::"Role", now() AT TIME ZONE 'UTC' FROM unnest(${created.map((c) => c.id)}::text[], ${created.map((c) => c.name)}::text[], ${created.map((c) => c.email)}::text[]) AS t(id, name, email)`;
  }
  return people.map((p) => ctx.people.get(`${p.kind}:${p.sourceId}`)!);
}

/** The author of posts whose export names none: the site's first admin, else its first staff member. */
export async function fallbackAuthor(ctx: ImportContext): Promise<string> {
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role IN ('ADMIN', 'EDITOR', 'AUTHOR') AND banned_at IS NULL
    ORDER BY (role = 'ADMIN') DESC, created_at, id LIMIT 1`;
  if (rows[0]) return rows[0].id;
  return importPerson(ctx, { kind: 'author', sourceId: '(none)', name: 'Imported', email: null });
}
