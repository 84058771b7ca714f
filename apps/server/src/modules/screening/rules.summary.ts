/**
 * One sentence per alert, built from the rule's row, so the list reads without opening the evidence.
 * The Chinese one is stored with the alert (search and export use it); the English one is built from the
 * stored keys and evidence when an English reader asks (alerts.service.ts).
 */
import { SCREENING_RULE_KEYS, type TScreeningRule } from '@qinglian/contracts';
import type { Locale } from '../../platform/i18n.ts';

type Row = Record<string, unknown> & { evidence: Record<string, unknown> };
const pct = (v: unknown) => `${(Number(v) * 100).toFixed(1)}%`;
const CHANNEL: Record<string, string> = { platform: '申报为平台采购', offline: '线下采购' };
const CATEGORY: Record<string, string> = { drug: '药品', consumable: '耗材', device: '器械' };
const RELATION: Record<string, string> = { family: '亲属', shareholding: '持股', former_employee: '曾任职', other: '其他利益' };
const SPECIALTY: Record<string, string> = {
  cardiology: '心血管',
  endocrinology: '内分泌',
  respiratory: '呼吸',
  gastroenterology: '消化',
  oncology: '肿瘤',
  orthopedics: '骨科',
  pharmacy: '药学',
};
const spec = (v: unknown) => SPECIALTY[String(v)] ?? String(v);
const product = (p: unknown) => {
  const x = (p ?? {}) as Record<string, unknown>;
  return x.brand_name ? `${x.generic_name}（${x.brand_name}，${x.product_code}）` : `${x.generic_name ?? ''}（${x.product_code ?? ''}）`;
};

/** The summary of one alert row. */
export function summaryOf(rule: TScreeningRule, r: Row, locale: Locale = 'zh-CN'): string {
  return locale === 'en-US' ? summaryEn(rule, r) : summaryZh(rule, r);
}

/** The row a stored alert came from: its keys back in the rule's k1…kn columns, and its evidence. */
export const rowOf = (rule: TScreeningRule, keys: Record<string, string>, evidence: Record<string, unknown>): Row => ({
  ...Object.fromEntries(SCREENING_RULE_KEYS[rule].map((k, i) => [`k${i + 1}`, keys[k]])),
  evidence,
});

function summaryZh(rule: TScreeningRule, r: Row): string {
  const e = r.evidence;
  switch (rule) {
    case 'off_platform_purchase': {
      const po = e.purchase as Record<string, string>;
      return `采购订单 ${po.order_id} 第 ${po.line_no} 行（${product(e.product)}，${po.amount} 元，${CHANNEL[String(po.channel)] ?? po.channel}）在省平台无对应记录（前后 ${e.match_days} 天内无同供应商、同商品、同数量的平台记录）。`;
    }
    case 'price_above_platform': {
      const po = e.purchase as Record<string, string>;
      const ref = e.reference === 'listed' ? '挂网价' : '平台成交价中位数';
      return `采购订单 ${po.order_id} 第 ${po.line_no} 行 ${product(e.product)} 单价 ${po.unit_price} 元，高于${ref} ${e.reference_price} 元 ${pct(e.excess_ratio)}，多付 ${e.excess_amount} 元。`;
    }
    case 'split_purchase':
      return `${r.k2} 供应商 ${e.supplier_name ?? r.k1} 有 ${e.orders_near_threshold} 张订单金额均在 ${e.lower_bound}–${e.threshold} 元之间，合计 ${e.total} 元，超过招标限额，疑似拆分采购规避招标。`;
    case 'supplier_concentration':
      return `${e.from_month} 至 ${e.to_month}，供应商 ${e.supplier_name ?? r.k1} 占本院${CATEGORY[String(e.category)] ?? e.category}采购额的 ${pct(e.share)}（共 ${e.suppliers} 家供应商，平均 ${pct(e.fair_share)}）。`;
    case 'usage_spike':
      return `${product(e.product)} ${e.month} 用量 ${e.quantity}，是此前 ${e.history_months} 个月平均 ${e.history_mean} 的 ${e.ratio} 倍。`;
    case 'prescriber_concentration': {
      const p = (e.product ?? {}) as Record<string, unknown>;
      return `${e.doctor_name}（${spec(e.specialty)}）开具${e.generic_name}时 ${pct(e.share)} 选择 ${p.brand_name ?? ''}（${p.product_code}），同专业 ${e.peers} 名医生的中位数为 ${pct(e.peer_median)}、P90 为 ${pct(e.peer_p90)}。`;
    }
    case 'vbp_bypass':
      return `${e.doctor_name}（${spec(e.specialty)}）开具${e.generic_name}时 ${pct(e.non_vbp_share)} 选择非集采产品，同专业 ${e.peers} 名医生的中位数为 ${pct(e.peer_median)}、P90 为 ${pct(e.peer_p90)}。`;
    case 'post_visit_uplift':
      return `${e.supplier_name ?? r.k2} 的代表自 ${e.first_visit} 起 ${(e.visits as unknown[]).length} 次到访 ${e.doctor_name} 后，其处方中该企业产品的占比升至到访前的 ${e.uplift} 倍（同专业同行为 ${e.peer_uplift} 倍；到访后 ${e.window_days} 天 ${e.lines_after} 行，之前 ${e.lines_before} 行）。`;
    case 'committee_conflict':
      return `${e.member_name ?? e.member_staff_no} 申报与 ${e.related_supplier_name ?? e.related_supplier} 存在${RELATION[String(e.relation)] ?? e.relation}关系，却在 ${e.decided_on} 的 ${e.decision_id} 号准入决议中对该企业的 ${product(e.product)} 投赞成票（赞成 ${e.votes_for}、反对 ${e.votes_against}、弃权 ${e.abstentions}）。`;
  }
}

const CHANNEL_EN: Record<string, string> = { platform: 'declared as bought on the platform', offline: 'bought offline' };
const CATEGORY_EN: Record<string, string> = { drug: 'drug', consumable: 'consumable', device: 'device' };
const RELATION_EN: Record<string, string> = { family: 'a family', shareholding: 'a shareholding', former_employee: 'a former-employment', other: 'another interest' };
const productEn = (p: unknown) => {
  const x = (p ?? {}) as Record<string, unknown>;
  return x.brand_name ? `${x.generic_name} (${x.brand_name}, ${x.product_code})` : `${x.generic_name ?? ''} (${x.product_code ?? ''})`;
};

function summaryEn(rule: TScreeningRule, r: Row): string {
  const e = r.evidence;
  switch (rule) {
    case 'off_platform_purchase': {
      const po = e.purchase as Record<string, string>;
      return `Purchase order ${po.order_id} line ${po.line_no} (${productEn(e.product)}, ¥${po.amount}, ${CHANNEL_EN[String(po.channel)] ?? po.channel}) has no matching platform record (none for the same supplier, product and quantity within ${e.match_days} days).`;
    }
    case 'price_above_platform': {
      const po = e.purchase as Record<string, string>;
      const ref = e.reference === 'listed' ? 'the listed price' : 'the median platform price';
      return `Purchase order ${po.order_id} line ${po.line_no}: ${productEn(e.product)} at ¥${po.unit_price} a unit, ${pct(e.excess_ratio)} above ${ref} of ¥${e.reference_price}; ¥${e.excess_amount} overpaid.`;
    }
    case 'split_purchase':
      return `In ${r.k2}, supplier ${e.supplier_name ?? r.k1} has ${e.orders_near_threshold} orders each between ¥${e.lower_bound} and ¥${e.threshold}, ¥${e.total} in all, above the tender threshold: possibly split to avoid a tender.`;
    case 'supplier_concentration':
      return `From ${e.from_month} to ${e.to_month}, supplier ${e.supplier_name ?? r.k1} took ${pct(e.share)} of the hospital's ${CATEGORY_EN[String(e.category)] ?? e.category} purchases (${e.suppliers} suppliers, ${pct(e.fair_share)} on average).`;
    case 'usage_spike':
      return `${productEn(e.product)}: ${e.quantity} used in ${e.month}, ${e.ratio} times the average of ${e.history_mean} over the previous ${e.history_months} months.`;
    case 'prescriber_concentration': {
      const p = (e.product ?? {}) as Record<string, unknown>;
      return `${e.doctor_name} (${e.specialty}) chose ${p.brand_name ?? ''} (${p.product_code}) for ${pct(e.share)} of ${e.generic_name} prescriptions; the median of ${e.peers} peers of the specialty is ${pct(e.peer_median)}, their P90 ${pct(e.peer_p90)}.`;
    }
    case 'vbp_bypass':
      return `${e.doctor_name} (${e.specialty}) chose a product outside volume-based procurement for ${pct(e.non_vbp_share)} of ${e.generic_name} prescriptions; the median of ${e.peers} peers of the specialty is ${pct(e.peer_median)}, their P90 ${pct(e.peer_p90)}.`;
    case 'post_visit_uplift':
      return `After ${(e.visits as unknown[]).length} visits from ${e.supplier_name ?? r.k2}'s representative from ${e.first_visit}, the company's share of ${e.doctor_name}'s prescriptions rose ${e.uplift} times (peers: ${e.peer_uplift} times; ${e.lines_after} lines in the ${e.window_days} days after, ${e.lines_before} before).`;
    case 'committee_conflict':
      return `${e.member_name ?? e.member_staff_no} declared ${RELATION_EN[String(e.relation)] ?? e.relation} relation with ${e.related_supplier_name ?? e.related_supplier}, yet voted for its ${productEn(e.product)} in admission decision ${e.decision_id} of ${e.decided_on} (${e.votes_for} for, ${e.votes_against} against, ${e.abstentions} abstaining).`;
  }
}
