// The columns a payment ledger (拨付明细) may have and the header texts officers use.
// Aliases are matched by workbook/headers.ts after normalising, with and without
// bracketed units such as （元）.

export const LEDGER_FIELDS = ['date', 'voucher', 'township', 'payee', 'code', 'category', 'summary', 'amount'] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export const LEDGER_ALIASES: Record<LedgerField, string[]> = {
  date: ['拨付日期', '日期', '支付日期', '付款日期', '记账日期', '凭证日期', '拨款日期', '下拨日期', 'date'],
  voucher: ['凭证号', '凭证编号', '凭证字号', '记账凭证号', '凭证号码', '凭证', '单据号', 'voucher'],
  township: ['乡镇', '乡镇（街道）', '所属乡镇', '街道', '乡镇名称', '乡镇街道', '所属乡镇（街道）', '镇（街道）', 'township'],
  payee: [
    '收款单位',
    '收款单位名称',
    '收款方',
    '收款人',
    '村(社区)名称',
    '村（社区）名称',
    '单位名称',
    '社区名称',
    '村名',
    '村(社区)',
    '村（居）名称',
    '名称',
    'payee',
  ],
  code: ['区划代码', '统计用区划代码', '行政区划代码', '收款单位区划代码', 'division code', 'code'],
  category: ['经费类别', '资金用途', '经费项目', '资金项目', '经费名称', '项目', '类别', '用途', '资金类别', 'category', 'line'],
  summary: ['摘要', '事由', '拨付事由', '内容', 'summary', 'description'],
  amount: ['拨付金额', '金额', '金额(元)', '金额（元）', '拨付金额(元)', '支付金额', '付款金额', '拨款金额', '实拨金额', 'amount'],
};

export const LEDGER_FIELD_LABELS: Record<LedgerField, { zh: string; en: string }> = {
  date: { zh: '日期', en: 'date' },
  voucher: { zh: '凭证号', en: 'voucher' },
  township: { zh: '乡镇', en: 'township' },
  payee: { zh: '收款单位', en: 'payee' },
  code: { zh: '区划代码', en: 'division code' },
  category: { zh: '经费类别', en: 'category' },
  summary: { zh: '摘要', en: 'summary' },
  amount: { zh: '金额', en: 'amount' },
};
