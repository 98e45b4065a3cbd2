import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportFileError, lineColumn } from './errors';

// XML exports (WordPress WXR, Disqus) are validated before they are read, so a truncated or
// malformed file fails with the line and column of the first problem, before anything is
// written.

export type XmlNode = string | number | boolean | { [key: string]: XmlValue } | undefined;
export type XmlValue = XmlNode | XmlNode[];

export function parseXml(file: string, xml: string, arrays: ReadonlySet<string>): Record<string, XmlValue> {
  const checked = XMLValidator.validate(xml);
  if (checked !== true) {
    const { line, col, msg } = checked.err;
    // Elements still open at the end: the validator lists them (as JSON) and says 1:1.
    const open = /^Invalid '(\[[\s\S]*\])' found/.exec(msg)?.[1];
    if (open) {
      const names = (JSON.parse(open) as string[]).map((n) => `<${n}>`).join(' ');
      throw new ImportFileError(file, lineColumn(xml, xml.length), `malformed XML: the file ends with ${names} still open (truncated?)`);
    }
    throw new ImportFileError(file, `${line}:${col}`, `malformed XML: ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Ids and titles stay strings ("007", "1e3"), never numbers.
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true,
    isArray: (_name, jpath) => arrays.has(String(jpath)),
  });
  return parser.parse(xml) as Record<string, XmlValue>;
}

/** The text of an element: a string, or the #text of one with attributes; '' when missing. */
export function text(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text(value['#text']);
  return String(value).trim();
}

export function attr(value: XmlValue, name: string): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) return text(value[`@_${name}`]);
  return '';
}

export function child(value: XmlValue, name: string): XmlValue {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value[name];
  return undefined;
}

export function list(value: XmlValue): XmlNode[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
