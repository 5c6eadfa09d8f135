// The organisational check beside the funds (组织设置): which party
// organisation a unit's member count calls for under the policy's thresholds
// (党支部 from 3 members, 党总支 above 50 and below 100 …), explained like
// every figure. Never money. Results are shared by member count.
import type { ResolvedOrganisation, ResolvedOrganisationLevel } from './policy/resolve.js';
import type { OrganisationForm } from './policy/schema.js';
import { ATTRIBUTE_LABELS, type Unit } from './unit.js';

/** What a unit's own organisation is, as its roster says (联合党支部: joined with other units; none: 无). */
export type ActualOrganisation = NonNullable<Unit['organisation']>;

export const ACTUAL_ORGANISATION_LABELS: Record<ActualOrganisation, { zh: string; en: string }> = {
  branch: { zh: '党支部', en: 'party branch' },
  generalBranch: { zh: '党总支', en: 'general party branch' },
  committee: { zh: '党委', en: 'party committee' },
  jointBranch: { zh: '联合党支部', en: 'joint party branch' },
  none: { zh: '无', en: 'no party organisation' },
};

export interface OrganisationResult {
  /** The level's id, or 'none' below every level. */
  level: string;
  label: { zh: string; en: string };
  /** The form required (at least), or null below every level. */
  form: OrganisationForm | null;
  /** The member count is past a level's upper bound and no higher level is set: the text is silent there. */
  silent: boolean;
  explanation: { zh: string; en: string };
  clause: string | null;
}

const meets = (n: number, l: ResolvedOrganisationLevel) => (l.inclusive ? n >= l.from.value.toNumber() : n > l.from.value.toNumber());
const underTop = (n: number, l: ResolvedOrganisationLevel) => !l.below || n < l.below.value.toNumber();

export class OrganisationCheck {
  private readonly byCount = new Map<number, OrganisationResult>();
  constructor(readonly policy: ResolvedOrganisation) {}

  /** The level ids and labels, lowest first, after the one below them all ('none'). */
  get levels(): { id: string; label: { zh: string; en: string } }[] {
    return [{ id: 'none', label: this.policy.belowAll }, ...this.policy.levels.map((l) => ({ id: l.id, label: l.label }))];
  }

  for(unit: Unit): OrganisationResult {
    const n = unit[this.policy.attribute];
    let r = this.byCount.get(n);
    if (!r) this.byCount.set(n, (r = this.decide(n)));
    return r;
  }

  private decide(n: number): OrganisationResult {
    const levels = this.policy.levels;
    let chosen = -1;
    for (let i = 0; i < levels.length; i++) if (meets(n, levels[i]!) && underTop(n, levels[i]!)) chosen = i;
    const what = ATTRIBUTE_LABELS[this.policy.attribute];
    if (chosen < 0) {
      const first = levels[0]!;
      const from = first.from.value.toNumber();
      return {
        level: 'none',
        label: this.policy.belowAll,
        form: null,
        silent: false,
        explanation: {
          zh: `${what.zh}${n}人，${first.inclusive ? '不足' : '未超过'}${from}人，${this.policy.belowAll.zh}（${first.clause}）`,
          en: `${what.en} ${n}, ${first.inclusive ? 'fewer than' : 'not above'} ${from}: ${this.policy.belowAll.en} (${first.clause})`,
        },
        clause: first.clause,
      };
    }
    const l = levels[chosen]!;
    const from = l.from.value.toNumber();
    // A later level the count has passed the top of, with nothing set above it: the text is silent there.
    const passed = levels.slice(chosen + 1).find((x) => meets(n, x) && !underTop(n, x));
    let zh = `${what.zh}${n}人，${l.inclusive ? '不少于' : '多于'}${from}人`;
    let en = `${what.en} ${n}, ${l.inclusive ? 'at least' : 'more than'} ${from}`;
    if (l.below) {
      zh += `且少于${l.below.value.toNumber()}人`;
      en += ` and fewer than ${l.below.value.toNumber()}`;
    }
    zh += `：${l.label.zh}（${l.clause}）`;
    en += `: ${l.label.en} (${l.clause})`;
    if (passed?.below) {
      const top = passed.below.value.toNumber();
      zh += `；${top}人及以上，意见未作规定，至少应${l.label.zh.replace(/^(一般)?应/, '')}`;
      en += `; from ${top} the text is silent, so at least this`;
    }
    return { level: l.id, label: l.label, form: l.form, silent: !!passed, explanation: { zh, en }, clause: l.clause };
  }
}

/** Whether a unit's actual organisation fits what its member count calls for. */
export function organisationFits(required: OrganisationResult, actual: ActualOrganisation): boolean {
  if (required.form === null) return actual === 'none' || actual === 'jointBranch';
  // Where the text is silent, any organisation of the unit's own at least that form will do.
  if (required.silent) return actual === 'branch' || actual === 'generalBranch' || actual === 'committee';
  return actual === required.form;
}
