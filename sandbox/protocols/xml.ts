// Minimal XML writing for AWS query-protocol responses: escaping and a value-to-elements serializer.

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (character) => XML_ESCAPES[character] ?? character);
}

/**
 * Appends `<name>value</name>`: arrays become repeated `<itemTag>` children, objects nested elements,
 * Dates ISO 8601 strings; undefined and null members are left out.
 */
export function writeXmlElement(out: string[], name: string, value: unknown, itemTag: string): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    out.push(`<${name}>`);
    for (const item of value) writeXmlElement(out, itemTag, item, itemTag);
    out.push(`</${name}>`);
    return;
  }
  if (value instanceof Date) {
    out.push(`<${name}>${value.toISOString()}</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) writeXmlElement(out, key, member, itemTag);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}
