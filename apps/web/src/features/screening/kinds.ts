/**
 * The columns of each file kind, exactly as the screening data contract fixes them
 * (docs/screening-data.md); the upload page lists them and builds CSV header templates from them.
 */
import type { TScreeningKind } from '@qinglian/contracts';

export const KIND_COLUMNS: Record<TScreeningKind, readonly string[]> = {
  institutions: ['institution_code', 'name', 'region_code', 'level'],
  departments: ['institution_code', 'dept_code', 'name', 'clinical'],
  staff: ['staff_no', 'name', 'institution_code', 'dept_code', 'title', 'specialty'],
  suppliers: ['supplier_code', 'name', 'credit_code', 'kind'],
  products: ['product_code', 'generic_name', 'brand_name', 'spec', 'manufacturer_code', 'category', 'platform_price', 'vbp', 'key_monitored'],
  relations: ['staff_no', 'supplier_code', 'relation', 'declared_on'],
  committee_decisions: ['decision_id', 'institution_code', 'decided_on', 'product_code', 'outcome', 'member_staff_no', 'vote'],
  rep_visits: ['visit_id', 'institution_code', 'supplier_code', 'rep_id', 'visited_on', 'dept_code', 'host_staff_no'],
  purchase_orders: ['order_id', 'line_no', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price', 'amount', 'channel'],
  platform_records: ['record_id', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price'],
  prescriptions: ['rx_id', 'line_no', 'institution_code', 'dept_code', 'doctor_staff_no', 'patient_key', 'prescribed_on', 'product_code', 'quantity', 'amount'],
};

/** The header row of a kind's CSV template (UTF-8, as the importer reads it). */
export function templateCsv(kind: TScreeningKind): string {
  return `${KIND_COLUMNS[kind].join(',')}\r\n`;
}
