/** `text` as a regular-expression source that matches it literally (template markers, comment starts). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
