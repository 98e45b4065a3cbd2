import Link from 'next/link';
import { getCategories } from '@/lib/dal/taxonomy';
import type { Dictionary } from '@/lib/i18n';

/** "All Posts" plus one link per category, as in the Wix blog menu. */
export async function CategoryNav({ current, t }: { current: string | null; t: Dictionary }) {
  const categories = await getCategories();
  const item = (href: string, label: string, active: boolean) => (
    <li key={href}>
      <Link href={href} aria-current={active ? 'page' : undefined} className={active ? 'font-semibold text-teal-800 underline' : 'text-neutral-700 hover:text-neutral-900'}>
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label={t.categories} className="mb-8 border-b border-neutral-200 pb-4">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {item('/blog', t.allPosts, current === null)}
        {categories.map((c) => item(`/blog/categories/${c.slug}`, c.name, current === c.slug))}
      </ul>
    </nav>
  );
}
