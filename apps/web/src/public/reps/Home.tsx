/** The rep's home: registration steps, standing at each institution (apply), bookings and their decisions. */
import type { TBooking, TRepInstitution, TRepSelf } from '@qinglian/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ErrorBox } from '../ui.tsx';
import { apply, bookings as fetchBookings, cancelBooking, institutions as fetchInstitutions } from './api.ts';
import { useR } from './i18n.ts';
import { chinaToday, failure, useNav } from './nav.ts';

export function Home({ me, onChange }: { me: TRepSelf; onChange: (me: TRepSelf) => void }) {
  const t = useR();
  const go = useNav();
  const [insts, setInsts] = useState<TRepInstitution[]>([]);
  const [list, setList] = useState<TBooking[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const load = useCallback(() => {
    fetchInstitutions().then(setInsts, (e) => setError(failure(t, e)));
    fetchBookings().then((r) => setList(r.items), (e) => setError(failure(t, e)));
  }, [t]);
  useEffect(load, [load]);
  const run = (p: Promise<unknown>) => p.then(load, (e) => setError(failure(t, e)));

  const steps = [
    [t.stepProfile, !!me.name && !!me.company],
    [t.stepDocs, me.hasPhoto && me.hasLetter],
    [t.stepPledge, !!me.pledgeSignedAt],
    [t.stepSubmit, !!me.submittedAt],
  ] as const;
  const today = chinaToday();
  const canBook = insts.some((i) => i.status === 'approved');
  // Registration is renewed yearly; from 30 days before it runs out the rep is asked to renew.
  const renewSoon = !!me.registeredUntil && new Date(`${me.registeredUntil}T00:00:00Z`).getTime() - new Date(`${today}T00:00:00Z`).getTime() <= 30 * 86_400_000;

  return (
    <>
      <div className="p-where">
        <div className="p-where-inst">{t.hello(me.name ?? me.phoneMasked)}</div>
        <div className="p-where-sub">
          {me.company?.name ?? ''} {me.registeredUntil && t.registeredUntil(me.registeredUntil)}
        </div>
      </div>
      {me.blacklisted && <div className="p-alert p-alert-error" data-testid="rep-blacklisted">{t.blacklisted}</div>}
      {me.expired && <div className="p-alert p-alert-warn">{t.expired}</div>}
      {renewSoon && (
        <div className="p-alert p-alert-warn" data-testid="rep-renew">
          {t.renewHint}
        </div>
      )}
      {error && <ErrorBox>{error}</ErrorBox>}
      <section className="p-card">
        <h2 className="p-subtitle">{t.steps}</h2>
        <ol className="rp-steps">
          {steps.map(([label, ok]) => (
            <li key={label} className={ok ? 'rp-ok' : ''}>
              <span>{label}</span>
              <span className="rp-step-state">{ok ? t.done : t.todo}</span>
            </li>
          ))}
        </ol>
        <button type="button" className="p-btn p-btn-block" onClick={() => go('/rep/profile')} data-testid="rep-edit-profile">
          {t.editProfile}
        </button>
      </section>
      {me.submittedAt && (
        <section className="p-card" data-testid="rep-institutions">
          <h2 className="p-subtitle">{t.hospitals}</h2>
          {insts.map((i) => {
            const a = me.approvals.find((x) => x.institutionId === i.id);
            return (
              <div key={i.id} className="rp-inst" data-testid="rep-inst">
                <div className="rp-row">
                  <span>{i.name}</span>
                  {a || i.status === 'blacklisted' ? (
                    <span className={`rp-badge rp-${i.status}`} data-testid="rep-inst-status">
                      {t.status[i.status]}
                    </span>
                  ) : (
                    <button type="button" className="p-btn rp-small" onClick={() => run(apply(i.id).then(onChange))} data-testid="rep-apply">
                      {t.apply}
                    </button>
                  )}
                </div>
                {a?.status === 'rejected' && i.status === 'rejected' && (
                  <div className="rp-decision" data-testid="rep-rejected">
                    <span>{t.rejectedBecause(a.reason ?? '')}</span>
                    <button type="button" className="p-btn rp-small" onClick={() => run(apply(i.id).then(onChange))} data-testid="rep-reapply">
                      {t.reapply}
                    </button>
                  </div>
                )}
                {a?.status === 'suspended' && i.status === 'suspended' && (
                  <div className="rp-decision" data-testid="rep-suspended">
                    {t.suspendedUntil(a.reason ?? '', a.suspendedUntil ?? '')}
                  </div>
                )}
              </div>
            );
          })}
        </section>
      )}
      <section className="p-card" data-testid="rep-bookings">
        <h2 className="p-subtitle">{t.myBookings}</h2>
        {canBook && !me.blacklisted && (
          <button type="button" className="p-btn p-btn-primary p-btn-block" onClick={() => go('/rep/book')} data-testid="rep-book">
            {t.book}
          </button>
        )}
        {list.length === 0 && <p className="p-muted">{t.noBookings}</p>}
        {list.map((b) => (
          <div key={b.id} className="rp-booking" data-testid="rep-booking">
            <div className="rp-row">
              <strong>
                {b.date} {b.start}-{b.end}
              </strong>
              <span className={`rp-badge rp-b-${b.status}`} data-testid="rep-booking-status">
                {t.bookingStatus[b.status]}
              </span>
            </div>
            <div className="p-muted">
              {b.institutionName} · {b.departmentName}
            </div>
            <div>{b.purpose}</div>
            {b.status === 'approved' && <div className="p-hint">{t.hostsRoom(b.hosts.map((h) => h.name).join('、'), b.room ?? '')}</div>}
            {b.reason && <div className="p-hint">{t.reason(b.reason)}</div>}
            <div className="rp-actions">
              {(b.status === 'done' || b.status === 'approved') && b.date === today && (
                <button type="button" className="p-btn p-btn-primary rp-small" onClick={() => go(`/rep/code/${b.id}`)} data-testid="rep-show-code">
                  {t.showCode}
                </button>
              )}
              {(b.status === 'requested' || b.status === 'approved') && cancelling !== b.id && (
                <button type="button" className="p-btn rp-small" onClick={() => setCancelling(b.id)} data-testid="rep-cancel">
                  {t.cancel}
                </button>
              )}
            </div>
            {cancelling === b.id && (
              <div className="rp-confirm" role="alertdialog" aria-label={t.cancelAsk} data-testid="rep-cancel-confirm">
                <span>{t.cancelAsk}</span>
                <button type="button" className="p-btn rp-danger rp-small" onClick={() => run(cancelBooking(b.id).then(() => setCancelling(null)))} data-testid="rep-cancel-yes">
                  {t.cancelYes}
                </button>
                <button type="button" className="p-btn rp-small" onClick={() => setCancelling(null)}>
                  {t.cancelNo}
                </button>
              </div>
            )}
          </div>
        ))}
      </section>
    </>
  );
}
