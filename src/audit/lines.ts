// Which fund line (经费项目) a payment is for: from the ledger's category column when it
// names one, else from words in 摘要. Keywords come from the policy's own labels (so a
// county's own policy file works) plus the words officers write for the built-in lines.
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { Said } from '../engine/said.js';
import { UNCLASSIFIED, UNCLASSIFIED_LABEL } from './outcome.js';
import { compact, norm } from './text.js';

/** Words for the built-in lines, by line id, besides each line's own label. */
const SYNONYMS: Record<string, string[]> = {
  office: ['办公经费', '办公费', '村级办公经费', '社区办公经费', '办公运转经费'],
  partyBuilding: ['党建经费', '党建工作经费', '党建专项经费', '党建费'],
  memberActivity: ['党员活动经费', '活动经费', '党员活动费', '党组织活动经费'],
  communityService: ['社区服务群众专项经费', '服务群众专项经费', '服务群众经费', '服务群众专项', '服务群众'],
};

const key = compact;

export type LineMatch =
  | { kind: 'line'; line: string }
  | { kind: 'none' }
  /** Words of two or more lines: the payment cannot be split, so it is left unclassified. */
  | { kind: 'multiple'; lines: string[] };

interface Keyword {
  word: string;
  line: string;
}

export class LineClassifier {
  /** Longest first, so 党员活动经费 is found before 活动经费. */
  private readonly keywords: Keyword[];
  private readonly exact = new Map<string, string>();
  private readonly cache = new Map<string, LineMatch>();

  constructor(policy: ResolvedPolicy) {
    const byWord = new Map<string, Set<string>>();
    const add = (word: string, line: string) => {
      const k = key(word);
      if (k.length < 2) return;
      let s = byWord.get(k);
      if (!s) byWord.set(k, (s = new Set()));
      s.add(line);
    };
    for (const l of policy.lines) {
      const zh = key(l.label.zh);
      add(zh, l.id);
      // 社区服务群众专项经费 -> 服务群众专项经费, 服务群众经费; 村级办公经费 -> 办公经费
      const bare = zh.replace(/^(村级|社区级|村|社区|村居)/, '');
      add(bare, l.id);
      add(bare.replace('专项', ''), l.id);
      for (const w of SYNONYMS[l.id] ?? []) add(w, l.id);
      this.exact.set(key(l.id), l.id);
      this.exact.set(key(l.label.en), l.id);
    }
    // A word two lines share names neither.
    this.keywords = [...byWord]
      .filter(([, lines]) => lines.size === 1)
      .map(([word, lines]) => ({ word, line: [...lines][0]! }))
      .sort((a, b) => b.word.length - a.word.length);
    for (const k of this.keywords) this.exact.set(k.word, k.line);
  }

  /** The line a text names: every keyword found, overlaps resolved to the longest. */
  classify(text: string): LineMatch {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const k = key(text);
    if (k === '') return { kind: 'none' };
    let result: LineMatch;
    const exact = this.exact.get(k);
    if (exact) result = { kind: 'line', line: exact };
    else {
      const taken: boolean[] = new Array(k.length).fill(false);
      const lines: string[] = [];
      for (const { word, line } of this.keywords) {
        for (let at = k.indexOf(word); at >= 0; at = k.indexOf(word, at + 1)) {
          let free = true;
          for (let i = at; i < at + word.length; i++) if (taken[i]) free = false;
          if (!free) continue;
          for (let i = at; i < at + word.length; i++) taken[i] = true;
          if (!lines.includes(line)) lines.push(line);
        }
      }
      result = lines.length === 0 ? { kind: 'none' } : lines.length === 1 ? { kind: 'line', line: lines[0]! } : { kind: 'multiple', lines };
    }
    if (this.cache.size < 50_000) this.cache.set(text, result);
    return result;
  }
}

/** Years a text names ("2024年", "2024年度"), for 摘要 that say which budget year a payment is for. */
export function yearsNamed(text: string): number[] {
  const years: number[] = [];
  if (!text.includes('年')) return years;
  for (const m of norm(text).matchAll(/(?<!\d)((?:19|20)\d{2})\s*年/g)) years.push(Number(m[1]));
  return years;
}

/** A fund line's label by id; 未分类 for UNCLASSIFIED; the id itself for a line the policy lacks. */
export function lineLabel(policy: ResolvedPolicy, line: string): Said {
  return line === UNCLASSIFIED ? UNCLASSIFIED_LABEL : (policy.lines.find((l) => l.id === line)?.label ?? { zh: line, en: line });
}
