// Words officers write for a unit's type, and the type a name's suffix implies
// (…村 is a village, …社区/…居委会 an urban community unless it says 农村社区).
import type { Unit, UnitType } from '../engine/unit.js';
import { normalizeText } from './cells.js';

const wordKey = (s: string): string => normalizeText(s).replace(/\s+/g, '').toLowerCase();

const TYPE_WORDS = new Map<string, UnitType>();
const add = (type: UnitType, words: string[]): void => words.forEach((w) => TYPE_WORDS.set(wordKey(w), type));
add('village', ['村', '行政村', '村委会', '村民委员会', 'village', 'administrative village']);
add('urbanCommunity', ['社区', '城市社区', '居委会', '社区居委会', '居民委员会', '城镇社区', 'urban community', 'community']);
add('ruralCommunity', ['农村社区', 'rural community']);

/** The type a type cell names, or undefined when the word is not one we know. */
export function unitTypeFromWord(text: string): UnitType | undefined {
  // A roster has a handful of type words, one on every row: remember them.
  let type = seen.get(text);
  if (type === undefined && !seen.has(text)) {
    type = TYPE_WORDS.get(wordKey(text));
    // A copy: the text may be a slice of a large piece of sheet XML, which the key would keep alive.
    if (seen.size < 1000) seen.set((' ' + text).slice(1), type);
  }
  return type;
}
const seen = new Map<string, UnitType | undefined>();

// Longest suffixes first: 农村社区 before 社区.
const NAME_SUFFIXES: [string, UnitType][] = [
  ['农村社区', 'ruralCommunity'],
  ['ruralcommunity', 'ruralCommunity'],
  ['居民委员会', 'urbanCommunity'],
  ['村民委员会', 'village'],
  ['居委会', 'urbanCommunity'],
  ['村委会', 'village'],
  ['社区', 'urbanCommunity'],
  ['community', 'urbanCommunity'],
  ['村', 'village'],
  ['village', 'village'],
];

/** The type a unit's name implies by its suffix, or undefined. */
export function inferUnitType(name: string): UnitType | undefined {
  const key = wordKey(name);
  return NAME_SUFFIXES.find(([suffix]) => key.endsWith(suffix))?.[1];
}

/**
 * The party organisation a roster cell names, in the words offices use:
 * 党委; 党总支 / 总支; 联合党支部 / 联合支部; 党支部 / 支部; 无 / 未设 / 未建.
 * undefined for anything else.
 */
export function organisationFromWord(word: string): Unit['organisation'] | undefined {
  const w = word.replace(/\s/g, '').replace(/^中共/, '');
  if (/^(无|未设|未建|没有|暂无|未成立|[-—－/／]+)$/.test(w)) return 'none';
  // 支部委员会 and 总支部委员会 are a branch's and a general branch's committees, not a 党委.
  if (/总支/.test(w)) return 'generalBranch';
  if (/联合/.test(w) && /支部/.test(w)) return 'jointBranch';
  if (/支部/.test(w)) return 'branch';
  if (/党委|委员会$/.test(w)) return 'committee';
  return undefined;
}
