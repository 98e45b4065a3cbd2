import { jsonLdText, type JsonLdDocument } from '@/lib/seo/json-ld';

/** A JSON-LD block, escaped so no string in it can end the script element (lib/seo/json-ld.ts). */
export function JsonLd({ data }: { data: JsonLdDocument }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}
