/**
 * The nine rules of the screening data contract as SQL over the DuckDB facts and the ref_* tables
 * (reference.sync.ts). Each returns one row per alert with the contract's keys, a period, a score in
 * [0, 1], the amount at stake and the evidence a person needs to see why (docs/rules.md explains each).
 * Scores share one shape: 1 − limit / (2 × value), so a value just at its limit scores 0.5 and the score
 * approaches 1 as the value grows past it.
 */
import type { TScreeningRule } from '@qinglian/contracts';
import { lit } from './facts.store.ts';
import type { Params } from './rules.params.ts';

export interface RuleScope {
  /** Institution codes screened. */
  institutions: string[];
  /** First and last month screened (YYYY-MM). */
  from: string;
  to: string;
}

/** The first day of the month after `to`. */
const monthAfter = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
};

function frame(s: RuleScope) {
  const d0 = `DATE '${s.from}-01'`;
  const d1 = `DATE '${monthAfter(s.to)}'`;
  const insts = `(${s.institutions.map(lit).join(', ') || "''"})`;
  return { d0, d1, insts, within: (col: string) => `${col} >= ${d0} AND ${col} < ${d1}` };
}
const score = (limit: string, value: string) => `least(1.0, greatest(0.0, 1 - (${limit}) / (2.0 * nullif(${value}, 0))))`;

/** The platform rows of the same product near a purchase line, nearest first: the evidence beside it. */
const nearbyRecords = (po: string) => `(SELECT list(struct_pack(record_id := pr.record_id, ordered_on := pr.ordered_on::VARCHAR, supplier_code := pr.supplier_code,
    quantity := pr.quantity::VARCHAR, unit_price := pr.unit_price::VARCHAR) ORDER BY abs(pr.ordered_on - ${po}.ordered_on), pr.record_id)[1:5]
  FROM platform_records pr WHERE pr.institution_code = ${po}.institution_code AND pr.product_code = ${po}.product_code
    AND pr.ordered_on BETWEEN ${po}.ordered_on - 30 AND ${po}.ordered_on + 30)`;

const purchaseRow = (po: string) => `struct_pack(order_id := ${po}.order_id, line_no := ${po}.line_no, ordered_on := ${po}.ordered_on::VARCHAR,
  supplier_code := ${po}.supplier_code, supplier_name := (SELECT name FROM ref_suppliers WHERE code = ${po}.supplier_code), product_code := ${po}.product_code,
  quantity := ${po}.quantity::VARCHAR, unit_price := ${po}.unit_price::VARCHAR, amount := ${po}.amount::VARCHAR, channel := ${po}.channel)`;

const productInfo = (code: string) => `(SELECT struct_pack(product_code := code, generic_name := generic_name, brand_name := brand_name, manufacturer_code := manufacturer_code,
  platform_price := platform_price::VARCHAR, vbp := vbp) FROM ref_products WHERE code = ${code})`;

/** Lines per doctor, generic and product in the window, with the doctor's specialty (the peer group). */
const doctorLines = (f: ReturnType<typeof frame>) => `
  lines AS (
    SELECT x.institution_code, x.doctor_staff_no, s.specialty, s.name doctor_name, p.generic_name, x.product_code, count(*) n, sum(x.amount) amt
    FROM prescriptions x JOIN ref_products p ON p.code = x.product_code
    JOIN ref_staff s ON s.institution_code = x.institution_code AND s.staff_no = x.doctor_staff_no
    WHERE x.institution_code IN ${f.insts} AND ${f.within('x.prescribed_on')} AND coalesce(s.specialty, '') <> ''
    GROUP BY ALL),
  generics AS (SELECT generic_name FROM ref_products GROUP BY generic_name HAVING count(*) > 1),
  dg AS (SELECT institution_code, doctor_staff_no, specialty, any_value(doctor_name) doctor_name, generic_name, sum(n) total
    FROM lines WHERE generic_name IN (SELECT generic_name FROM generics) GROUP BY institution_code, doctor_staff_no, specialty, generic_name)`;

/** The SQL of each rule. Columns: institution_code, k1..k2 (the keys in contract order), period, score, amount, evidence (+ summary fields). */
export function ruleSql(rule: TScreeningRule, p: Params, s: RuleScope): string {
  const f = frame(s);
  switch (rule) {
    case 'off_platform_purchase': {
      const q = p.off_platform_purchase;
      return `
        SELECT po.institution_code, po.order_id k1, po.line_no k2, strftime(po.ordered_on, '%Y-%m') period,
          CASE WHEN po.channel = 'platform' THEN 0.9 ELSE 0.75 END + least(0.1, po.amount / 1000000.0) AS score,
          po.amount::VARCHAR amount, po.channel, po.product_code, po.supplier_code,
          struct_pack(purchase := ${purchaseRow('po')}, product := ${productInfo('po.product_code')}, match_days := ${q.matchDays},
            platform_rows := coalesce(${nearbyRecords('po')}, [])) evidence
        FROM purchase_orders po
        WHERE po.institution_code IN ${f.insts} AND ${f.within('po.ordered_on')} AND po.amount >= ${q.minAmountYuan}
          AND NOT EXISTS (SELECT 1 FROM platform_records pr WHERE pr.institution_code = po.institution_code AND pr.supplier_code = po.supplier_code
            AND pr.product_code = po.product_code AND pr.quantity = po.quantity AND pr.ordered_on BETWEEN po.ordered_on - ${q.matchDays} AND po.ordered_on + ${q.matchDays})`;
    }
    case 'price_above_platform': {
      const q = p.price_above_platform;
      return `
        WITH unlisted AS (
          -- products without a listed price: the median platform price over the window and three months either side
          SELECT pr.product_code, median(pr.unit_price) med FROM platform_records pr
          WHERE pr.product_code IN (SELECT code FROM ref_products WHERE platform_price IS NULL)
            AND pr.ordered_on >= ${f.d0} - INTERVAL 3 MONTH AND pr.ordered_on < ${f.d1} + INTERVAL 3 MONTH
          GROUP BY pr.product_code),
        priced AS (
          SELECT po.*, coalesce(rp.platform_price, u.med) AS ref_price, rp.platform_price IS NOT NULL AS listed
          FROM purchase_orders po JOIN ref_products rp ON rp.code = po.product_code LEFT JOIN unlisted u ON u.product_code = po.product_code
          WHERE po.institution_code IN ${f.insts} AND ${f.within('po.ordered_on')})
        SELECT institution_code, order_id k1, line_no k2, strftime(ordered_on, '%Y-%m') period,
          ${score(`${q.tolerance} + 0.1`, '(unit_price - ref_price) / ref_price + 0.1')} AS score,
          ((unit_price - ref_price) * quantity)::DECIMAL(18,2)::VARCHAR amount, product_code, supplier_code,
          round((unit_price - ref_price) / ref_price, 4) excess_ratio,
          struct_pack(purchase := ${purchaseRow('priced')}, product := ${productInfo('product_code')}, reference_price := ref_price::VARCHAR,
            reference := CASE WHEN listed THEN 'listed' ELSE 'platform_median' END, excess_ratio := round((unit_price - ref_price) / ref_price, 4),
            excess_amount := ((unit_price - ref_price) * quantity)::DECIMAL(18,2)::VARCHAR, platform_rows := coalesce(${nearbyRecords('priced')}, [])) evidence
        FROM priced
        WHERE ref_price > 0 AND unit_price > ref_price * (1 + ${q.tolerance}) AND (unit_price - ref_price) * quantity >= ${q.minExcessYuan}`;
    }
    case 'split_purchase': {
      const q = p.split_purchase;
      const t = q.thresholdYuan;
      return `
        WITH orders AS (
          SELECT institution_code, order_id, supplier_code, min(ordered_on) d, sum(amount) total, count(*) lines
          FROM purchase_orders WHERE institution_code IN ${f.insts} AND ${f.within('ordered_on')} GROUP BY ALL),
        near AS (SELECT * FROM orders WHERE total >= ${t * q.lowerShare} AND total < ${t}),
        g AS (SELECT institution_code, supplier_code, strftime(d, '%Y-%m') period, count(*) n, sum(total) s,
            list(struct_pack(order_id := order_id, ordered_on := d::VARCHAR, amount := total::VARCHAR, lines := lines::INTEGER) ORDER BY d, order_id) orders
          FROM near GROUP BY ALL)
        SELECT institution_code, supplier_code k1, period k2, period, ${score(String(q.minOrders), 'n')} AS score, s::VARCHAR amount, n,
          struct_pack(supplier_code := supplier_code, supplier_name := (SELECT name FROM ref_suppliers WHERE code = supplier_code), threshold := ${t},
            lower_bound := ${t * q.lowerShare}, orders_near_threshold := n::INTEGER, total := s::VARCHAR, orders := orders) evidence
        FROM g WHERE n >= ${q.minOrders} AND s >= ${t}`;
    }
    case 'supplier_concentration': {
      const q = p.supplier_concentration;
      return `
        WITH spend AS (
          SELECT po.institution_code, rp.category, po.supplier_code, sum(po.amount) amt
          FROM purchase_orders po JOIN ref_products rp ON rp.code = po.product_code
          WHERE po.institution_code IN ${f.insts} AND ${f.within('po.ordered_on')} GROUP BY ALL),
        cat AS (SELECT institution_code, category, sum(amt) total, count(*) suppliers FROM spend GROUP BY ALL),
        hit AS (
          SELECT s.*, c.total, c.suppliers, s.amt / c.total AS share, 1.0 / c.suppliers AS fair
          FROM spend s JOIN cat c USING (institution_code, category)
          WHERE c.total >= ${q.minCategoryYuan} AND c.suppliers >= 2 AND s.amt / c.total >= ${q.minShare}
            -- far above the fair share: factor times it, or halfway from it to everything when there are few suppliers
            AND s.amt / c.total >= least(${q.factor} / c.suppliers, (1 + 1.0 / c.suppliers) / 2)
          QUALIFY row_number() OVER (PARTITION BY s.institution_code, s.supplier_code ORDER BY s.amt / c.total DESC) = 1)
        SELECT institution_code, supplier_code k1, NULL k2, ${lit(s.to)} period, ${score(`greatest(${q.minShare}, least(${q.factor} * fair, (1 + fair) / 2))`, 'share')} AS score,
          amt::VARCHAR amount, category, share,
          struct_pack(supplier_code := supplier_code, supplier_name := (SELECT name FROM ref_suppliers WHERE code = supplier_code), category := category,
            share := round(share, 4), fair_share := round(fair, 4), suppliers := suppliers::INTEGER, supplier_amount := amt::VARCHAR, category_amount := total::VARCHAR,
            from_month := ${lit(s.from)}, to_month := ${lit(s.to)},
            top_suppliers := (SELECT list(struct_pack(supplier_code := x.supplier_code, amount := x.amt::VARCHAR, share := round(x.amt / hit.total, 4)) ORDER BY x.amt DESC)[1:8]
              FROM spend x WHERE x.institution_code = hit.institution_code AND x.category = hit.category)) evidence
        FROM hit`;
    }
    case 'usage_spike': {
      const q = p.usage_spike;
      return `
        WITH m AS (
          SELECT institution_code, product_code, date_trunc('month', prescribed_on)::DATE mon, sum(quantity)::DOUBLE q, count(*) n
          FROM prescriptions WHERE institution_code IN ${f.insts} AND prescribed_on >= ${f.d0} - INTERVAL ${Math.max(q.historyMonths, 12)} MONTH AND prescribed_on < ${f.d1}
          GROUP BY ALL),
        h AS (
          SELECT *, avg(q) OVER w hist_avg, stddev_pop(q) OVER w hist_sd, count(*) OVER w hist_n
          FROM m WINDOW w AS (PARTITION BY institution_code, product_code ORDER BY mon RANGE BETWEEN INTERVAL ${q.historyMonths} MONTH PRECEDING AND INTERVAL 1 MONTH PRECEDING)),
        hit AS (
          SELECT h.*, y.q last_year FROM h LEFT JOIN m y ON y.institution_code = h.institution_code AND y.product_code = h.product_code AND y.mon = h.mon - INTERVAL 12 MONTH
          WHERE ${f.within('h.mon')} AND h.hist_n >= ${q.minHistoryMonths} AND h.hist_avg >= ${q.minQuantity} AND h.q >= ${q.factor} * h.hist_avg
            AND (h.hist_sd = 0 OR (h.q - h.hist_avg) / h.hist_sd >= ${q.zScore})
            -- seasonal products: the same month a year earlier is a second baseline when there is one
            AND (y.q IS NULL OR h.q >= ${q.factor} * y.q))
        SELECT institution_code, product_code k1, strftime(mon, '%Y-%m') k2, strftime(mon, '%Y-%m') period, ${score(String(q.factor), 'q / hist_avg')} AS score,
          NULL amount, product_code, round(q / hist_avg, 2) ratio,
          struct_pack(product := ${productInfo('product_code')}, month := strftime(mon, '%Y-%m'), quantity := q, history_mean := round(hist_avg, 2),
            history_sd := round(hist_sd, 2), history_months := hist_n::INTEGER, same_month_last_year := last_year, ratio := round(q / hist_avg, 2),
            z := CASE WHEN hist_sd > 0 THEN round((q - hist_avg) / hist_sd, 2) END,
            series := (SELECT list(struct_pack(month := strftime(m2.mon, '%Y-%m'), quantity := m2.q, lines := m2.n::INTEGER) ORDER BY m2.mon) FROM m m2
              WHERE m2.institution_code = hit.institution_code AND m2.product_code = hit.product_code)) evidence
        FROM hit`;
    }
    case 'prescriber_concentration': {
      const q = p.prescriber_concentration;
      return `
        WITH ${doctorLines(f)},
        cand AS (
          SELECT dg.*, rp.code product_code, coalesce(l.n, 0) n, coalesce(l.amt, 0) amt, coalesce(l.n, 0) / dg.total AS share
          FROM dg JOIN ref_products rp ON rp.generic_name = dg.generic_name
          LEFT JOIN lines l ON l.institution_code = dg.institution_code AND l.doctor_staff_no = dg.doctor_staff_no AND l.product_code = rp.code
          WHERE dg.total >= ${q.minLines}),
        peer AS (
          SELECT a.institution_code, a.doctor_staff_no, a.product_code, count(*) peers, median(b.share) med, quantile_cont(b.share, 0.9) p90,
            list(round(b.share, 3) ORDER BY b.share) peer_shares
          FROM cand a JOIN cand b ON b.institution_code = a.institution_code AND b.specialty = a.specialty AND b.product_code = a.product_code
            AND b.doctor_staff_no <> a.doctor_staff_no
          GROUP BY ALL)
        SELECT c.institution_code, c.doctor_staff_no k1, c.product_code k2, ${lit(s.to)} period,
          ${score(`greatest(${q.minShare}, pe.p90 + ${q.marginOverP90})`, 'c.share')} AS score, c.amt::VARCHAR amount,
          c.doctor_name, c.specialty, c.product_code, c.share, pe.med, pe.p90,
          struct_pack(doctor_staff_no := c.doctor_staff_no, doctor_name := c.doctor_name, specialty := c.specialty, generic_name := c.generic_name,
            product := ${productInfo('c.product_code')}, share := round(c.share, 4), lines := c.n::INTEGER, generic_lines := c.total::INTEGER, amount := c.amt::VARCHAR,
            peers := pe.peers::INTEGER, peer_median := round(pe.med, 4), peer_p90 := round(pe.p90, 4), peer_shares := pe.peer_shares,
            from_month := ${lit(s.from)}, to_month := ${lit(s.to)},
            alternatives := (SELECT list(struct_pack(product_code := a.product_code, lines := a.n::INTEGER, share := round(a.share, 4)) ORDER BY a.product_code) FROM cand a
              WHERE a.institution_code = c.institution_code AND a.doctor_staff_no = c.doctor_staff_no AND a.generic_name = c.generic_name)) evidence
        FROM cand c JOIN peer pe USING (institution_code, doctor_staff_no, product_code)
        WHERE pe.peers >= ${q.minPeers} AND c.share >= ${q.minShare} AND c.share >= pe.p90 + ${q.marginOverP90}`;
    }
    case 'vbp_bypass': {
      const q = p.vbp_bypass;
      return `
        WITH ${doctorLines(f)},
        vbp AS (SELECT generic_name, min(code) vbp_code FROM ref_products WHERE vbp GROUP BY generic_name),
        cand AS (
          SELECT dg.*, v.vbp_code,
            coalesce((SELECT sum(l.n) FROM lines l JOIN ref_products rp ON rp.code = l.product_code WHERE l.institution_code = dg.institution_code
              AND l.doctor_staff_no = dg.doctor_staff_no AND l.generic_name = dg.generic_name AND NOT rp.vbp), 0) non_vbp
          FROM dg JOIN vbp v USING (generic_name) WHERE dg.total >= ${q.minLines}),
        c2 AS (SELECT *, non_vbp / total AS share FROM cand),
        peer AS (
          SELECT a.institution_code, a.doctor_staff_no, a.generic_name, count(*) peers, median(b.share) med, quantile_cont(b.share, 0.9) p90,
            list(round(b.share, 3) ORDER BY b.share) peer_shares
          FROM c2 a JOIN c2 b ON b.institution_code = a.institution_code AND b.specialty = a.specialty AND b.generic_name = a.generic_name
            AND b.doctor_staff_no <> a.doctor_staff_no
          GROUP BY ALL)
        SELECT c.institution_code, c.doctor_staff_no k1, c.vbp_code k2, ${lit(s.to)} period,
          ${score(`greatest(${q.minNonVbpShare}, pe.p90 + ${q.marginOverP90})`, 'c.share')} AS score, NULL amount,
          c.doctor_name, c.specialty, c.generic_name, c.share, pe.med, pe.p90,
          struct_pack(doctor_staff_no := c.doctor_staff_no, doctor_name := c.doctor_name, specialty := c.specialty, generic_name := c.generic_name,
            vbp_product := ${productInfo('c.vbp_code')}, non_vbp_share := round(c.share, 4), non_vbp_lines := c.non_vbp::INTEGER, generic_lines := c.total::INTEGER,
            peers := pe.peers::INTEGER, peer_median := round(pe.med, 4), peer_p90 := round(pe.p90, 4), peer_shares := pe.peer_shares,
            from_month := ${lit(s.from)}, to_month := ${lit(s.to)},
            alternatives := (SELECT list(struct_pack(product_code := l.product_code, vbp := rp.vbp, lines := l.n::INTEGER) ORDER BY l.product_code) FROM lines l
              JOIN ref_products rp ON rp.code = l.product_code WHERE l.institution_code = c.institution_code AND l.doctor_staff_no = c.doctor_staff_no
              AND l.generic_name = c.generic_name)) evidence
        FROM c2 c JOIN peer pe USING (institution_code, doctor_staff_no, generic_name)
        WHERE pe.peers >= ${q.minPeers} AND c.share >= ${q.minNonVbpShare} AND c.share >= pe.p90 + ${q.marginOverP90}`;
    }
    case 'post_visit_uplift': {
      const q = p.post_visit_uplift;
      const w = q.windowDays;
      return `
        WITH v AS (
          SELECT v.institution_code, st.staff_no doctor_staff_no, st.specialty, st.name doctor_name, v.supplier_code,
            min(v.visited_on::DATE) first_visit, list(struct_pack(visit_id := v.visit_id, visited_on := v.visited_on, rep_id := v.rep_id) ORDER BY v.visited_on) visits
          FROM ref_visits v JOIN ref_staff st ON st.institution_code = v.institution_code AND st.staff_no = v.host_staff_no
          WHERE v.institution_code IN ${f.insts} AND ${f.within('v.visited_on::DATE')} AND coalesce(st.specialty, '') <> ''
          GROUP BY ALL),
        company AS (SELECT code, manufacturer_code FROM ref_products),
        -- prescription lines per doctor, day and manufacturer: the joins below work on this, not on every line
        daily AS (
          SELECT x.institution_code, x.doctor_staff_no, x.prescribed_on d, rp.manufacturer_code m, count(*) n
          FROM prescriptions x JOIN ref_products rp ON rp.code = x.product_code
          WHERE x.institution_code IN ${f.insts} AND x.prescribed_on >= ${f.d0} - ${w} - 130 AND x.prescribed_on < ${f.d1} + ${w} + 130
          GROUP BY ALL),
        counts AS (
          SELECT v.institution_code, v.doctor_staff_no, v.supplier_code, dl.doctor_staff_no who,
            coalesce(sum(dl.n) FILTER (WHERE dl.m = v.supplier_code AND dl.d < v.first_visit), 0) before_n,
            coalesce(sum(dl.n) FILTER (WHERE dl.m = v.supplier_code AND dl.d >= v.first_visit), 0) after_n,
            coalesce(sum(dl.n) FILTER (WHERE dl.d < v.first_visit), 0) before_all,
            coalesce(sum(dl.n) FILTER (WHERE dl.d >= v.first_visit), 0) after_all
          FROM v JOIN ref_staff peer ON peer.institution_code = v.institution_code AND peer.specialty = v.specialty
          JOIN daily dl ON dl.institution_code = v.institution_code AND dl.doctor_staff_no = peer.staff_no
            AND dl.d >= v.first_visit - ${w} AND dl.d < v.first_visit + ${w}
          GROUP BY ALL),
        agg AS (
          SELECT institution_code, doctor_staff_no, supplier_code,
            sum(before_n) FILTER (WHERE who = doctor_staff_no) b, sum(after_n) FILTER (WHERE who = doctor_staff_no) a,
            sum(before_all) FILTER (WHERE who = doctor_staff_no) ball, sum(after_all) FILTER (WHERE who = doctor_staff_no) aall,
            sum(before_n) FILTER (WHERE who <> doctor_staff_no) pb, sum(after_n) FILTER (WHERE who <> doctor_staff_no) pa,
            sum(before_all) FILTER (WHERE who <> doctor_staff_no) pball, sum(after_all) FILTER (WHERE who <> doctor_staff_no) paall,
            count(DISTINCT who) FILTER (WHERE who <> doctor_staff_no) peers
          FROM counts GROUP BY ALL),
        u AS (
          SELECT *, ((coalesce(a, 0) + 1.0) / (coalesce(aall, 0) + 1)) / ((coalesce(b, 0) + 1.0) / (coalesce(ball, 0) + 1)) uplift,
            ((coalesce(pa, 0) + 1.0) / (coalesce(paall, 0) + 1)) / ((coalesce(pb, 0) + 1.0) / (coalesce(pball, 0) + 1)) peer_uplift
          FROM agg),
        monthly AS (
          SELECT v.institution_code, v.doctor_staff_no, v.supplier_code, strftime(dl.d, '%Y-%m') mon,
            coalesce(sum(dl.n) FILTER (WHERE dl.m = v.supplier_code), 0) cn, sum(dl.n) an
          FROM v JOIN daily dl ON dl.institution_code = v.institution_code AND dl.doctor_staff_no = v.doctor_staff_no
            AND dl.d >= v.first_visit - INTERVAL 4 MONTH AND dl.d < v.first_visit + INTERVAL 4 MONTH
          GROUP BY ALL),
        monthly_list AS (
          SELECT institution_code, doctor_staff_no, supplier_code, list(struct_pack(month := mon, company_lines := cn::INTEGER, all_lines := an::INTEGER) ORDER BY mon) series
          FROM monthly GROUP BY ALL)
        SELECT u.institution_code, u.doctor_staff_no k1, u.supplier_code k2, strftime(v.first_visit, '%Y-%m') period,
          ${score(String(q.factor), 'u.uplift / u.peer_uplift')} AS score, NULL amount, v.doctor_name, u.supplier_code, u.a, u.b, u.uplift, u.peer_uplift,
          struct_pack(doctor_staff_no := u.doctor_staff_no, doctor_name := v.doctor_name, specialty := v.specialty, supplier_code := u.supplier_code,
            supplier_name := (SELECT name FROM ref_suppliers WHERE code = u.supplier_code), first_visit := v.first_visit::VARCHAR, visits := v.visits,
            window_days := ${w}, lines_before := coalesce(u.b, 0)::INTEGER, lines_after := coalesce(u.a, 0)::INTEGER, all_lines_before := coalesce(u.ball, 0)::INTEGER,
            all_lines_after := coalesce(u.aall, 0)::INTEGER, uplift := round(u.uplift, 2), peer_uplift := round(u.peer_uplift, 2), peers := u.peers::INTEGER,
            products := (SELECT list(code ORDER BY code) FROM company WHERE manufacturer_code = u.supplier_code),
            monthly := ml.series) evidence
        FROM u JOIN v USING (institution_code, doctor_staff_no, supplier_code) LEFT JOIN monthly_list ml USING (institution_code, doctor_staff_no, supplier_code)
        WHERE coalesce(u.a, 0) >= ${q.minAfterLines} AND u.uplift / u.peer_uplift >= ${q.factor} AND u.uplift >= ${q.factor}`;
    }
    case 'committee_conflict': {
      const q = p.committee_conflict;
      const weights = "CASE r.relation WHEN 'shareholding' THEN 0.95 WHEN 'family' THEN 0.9 WHEN 'former_employee' THEN 0.75 ELSE 0.6 END";
      return `
        WITH hit AS (
          SELECT v.*, rp.generic_name, rp.manufacturer_code, r.relation, r.declared_on, st.name member_name
          FROM ref_votes v JOIN ref_products rp ON rp.code = v.product_code
          JOIN ref_relations r ON r.institution_code = v.institution_code AND r.staff_no = v.member_staff_no AND r.supplier_code = rp.manufacturer_code
          LEFT JOIN ref_staff st ON st.institution_code = v.institution_code AND st.staff_no = v.member_staff_no
          WHERE v.institution_code IN ${f.insts} AND ${f.within('v.decided_on::DATE')} AND v.outcome = 'admitted' AND v.vote = 'for'
            AND r.relation IN (${q.relations.map(lit).join(', ') || "''"})
          QUALIFY row_number() OVER (PARTITION BY v.institution_code, v.decision_id, v.member_staff_no ORDER BY ${weights} DESC) = 1)
        SELECT h.institution_code, h.decision_id k1, h.member_staff_no k2, strftime(h.decided_on::DATE, '%Y-%m') period,
          least(1.0, ${weights.replace(/r\./g, 'h.')} + CASE WHEN t.n_for - t.n_against <= 1 THEN 0.05 ELSE 0 END) AS score, NULL amount,
          h.member_name, h.relation, h.product_code, h.manufacturer_code,
          struct_pack(decision_id := h.decision_id, decided_on := h.decided_on, product := ${productInfo('h.product_code')}, outcome := h.outcome,
            member_staff_no := h.member_staff_no, member_name := h.member_name, vote := h.vote, relation := h.relation, related_supplier := h.manufacturer_code,
            related_supplier_name := (SELECT name FROM ref_suppliers WHERE code = h.manufacturer_code), declared_on := h.declared_on,
            votes_for := t.n_for::INTEGER, votes_against := t.n_against::INTEGER, abstentions := t.n_abstain::INTEGER,
            members := (SELECT list(struct_pack(member_staff_no := x.member_staff_no, vote := x.vote) ORDER BY x.member_staff_no) FROM ref_votes x
              WHERE x.institution_code = h.institution_code AND x.decision_id = h.decision_id)) evidence
        FROM hit h JOIN (SELECT institution_code, decision_id, count(*) FILTER (WHERE vote = 'for') n_for, count(*) FILTER (WHERE vote = 'against') n_against,
            count(*) FILTER (WHERE vote = 'abstain') n_abstain FROM ref_votes GROUP BY ALL) t USING (institution_code, decision_id)`;
    }
  }
}
