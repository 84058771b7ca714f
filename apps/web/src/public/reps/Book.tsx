/** Booking a visit: an institution that approved the rep, a receiving department, a date and a free slot, purpose and products. */
import type { TRepInstitution, TRepSelf, TSlot } from '@qinglian/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorBox, SubmitButton } from '../ui.tsx';
import { book, institutions as fetchInstitutions, slots as fetchSlots } from './api.ts';
import { useR } from './i18n.ts';
import { chinaToday, failure, useNav } from './nav.ts';

export function Book({ me }: { me: TRepSelf }) {
  const t = useR();
  const go = useNav();
  const [insts, setInsts] = useState<TRepInstitution[]>([]);
  const [instId, setInstId] = useState('');
  const [deptId, setDeptId] = useState('');
  const [date, setDate] = useState(chinaToday(1));
  const [slots, setSlots] = useState<TSlot[]>([]);
  const [start, setStart] = useState('');
  const [purpose, setPurpose] = useState('');
  const [products, setProducts] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchInstitutions().then((list) => {
      const ok = list.filter((i) => i.status === 'approved');
      setInsts(ok);
      if (ok.length === 1) setInstId(ok[0]!.id);
    }, (e) => setError(failure(t, e)));
  }, [t]);
  useEffect(() => {
    setStart('');
    if (!instId || !date) return setSlots([]);
    fetchSlots(instId, date, date).then((r) => setSlots(r.items), (e) => setError(failure(t, e)));
  }, [instId, date, t]);
  const inst = insts.find((i) => i.id === instId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await book({ institutionId: instId, departmentId: deptId, date, start, purpose: purpose.trim(), products });
      go('/rep');
    } catch (err) {
      setError(failure(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="p-back" onClick={() => go('/rep')}>
        ‹ {t.back}
      </button>
      <form className="p-card" onSubmit={submit} data-testid="rep-book-form">
        <h2 className="p-title">{t.bookTitle}</h2>
        <p className="p-hint">{t.onlyApproved}</p>
        <div className="p-field">
          <label className="p-label" htmlFor="rp-inst">
            {t.hospital}
          </label>
          <select id="rp-inst" value={instId} onChange={(e) => setInstId(e.target.value)} data-testid="rep-book-inst">
            <option value="" />
            {insts.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div className="p-field">
          <label className="p-label" htmlFor="rp-dept">
            {t.department}
          </label>
          <select id="rp-dept" value={deptId} onChange={(e) => setDeptId(e.target.value)} data-testid="rep-book-dept">
            <option value="" />
            {(inst?.rules?.departments ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="p-field">
          <label className="p-label" htmlFor="rp-date">
            {t.date}
            {inst?.rules && <span className="p-hint">{inst.rules.weekdays.map((d) => ['', '一', '二', '三', '四', '五', '六', '日'][d]).join('、')} {inst.rules.timeFrom}-{inst.rules.timeTo}</span>}
          </label>
          <input id="rp-date" type="date" min={chinaToday()} value={date} onChange={(e) => setDate(e.target.value)} data-testid="rep-book-date" />
        </div>
        <fieldset className="p-field">
          <legend className="p-label">{t.slot}</legend>
          {slots.length === 0 && <div className="p-muted">{t.noSlots}</div>}
          <div className="p-choices p-choices-row">
            {slots.map((s) => (
              <label key={s.start} className={`p-choice${start === s.start ? ' p-choice-on' : ''}${s.open ? '' : ' rp-closed'}`}>
                <input type="radio" name="slot" value={s.start} disabled={!s.open} checked={start === s.start} onChange={() => setStart(s.start)} data-testid="rep-book-slot" />
                {s.start}-{s.end}
                {s.booked >= s.capacity && ` ${t.full}`}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="p-field">
          <label className="p-label" htmlFor="rp-purpose">
            {t.purpose}
          </label>
          <textarea id="rp-purpose" rows={3} maxLength={500} placeholder={t.purposePh} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        </div>
        <fieldset className="p-field">
          <legend className="p-label">{t.pickProducts}</legend>
          {me.products.map((p) => (
            <label key={p} className="p-check rp-product">
              <input
                type="checkbox"
                checked={products.includes(p)}
                onChange={(e) => setProducts(e.target.checked ? [...products, p] : products.filter((x) => x !== p))}
                data-testid="rep-book-product"
              />
              <span>{p}</span>
            </label>
          ))}
        </fieldset>
        {error && <ErrorBox>{error}</ErrorBox>}
        <SubmitButton busy={busy} label={t.bookSubmit} busyLabel={t.loading} testId="rep-book-submit" />
      </form>
    </>
  );
}
