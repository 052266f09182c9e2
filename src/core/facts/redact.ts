// Facts quote the server's words: a hover can show a constant's value (`const API_KEY: "sk-…"`), and the
// type texts and reasons built from it reach the manifest, the inspector and ranking. They pass the same
// secret redaction as every indexed text, wherever they were gathered (here or in the editor).
import { redactSecrets } from '../workspace';
import type { GatheredFacts } from './types';

export function redactFacts(gathered: GatheredFacts): GatheredFacts {
  const clean = (text: string): string => redactSecrets(text).text;
  const facts = gathered.facts.map(fact => ({ ...fact, name: clean(fact.name), reason: clean(fact.reason), ...(fact.typeText === undefined ? {} : { typeText: clean(fact.typeText) }) }));
  const expectedType = gathered.expectedType && { ...gathered.expectedType, typeText: clean(gathered.expectedType.typeText), of: clean(gathered.expectedType.of) };
  return { ...gathered, facts, ...(expectedType ? { expectedType } : {}) };
}
