/** The registration: identity, company, authorisation; documents; the integrity pledge; submission. */
import type { TRepSelf } from '@qinglian/contracts';
import { type FormEvent, useState } from 'react';
import { ErrorBox, SubmitButton, shanghaiTime } from '../ui.tsx';
import { saveProfile, signPledge, submitRegistration, upload } from './api.ts';
import { useR } from './i18n.ts';
import { failure, useNav } from './nav.ts';

export function Profile({ me, onChange }: { me: TRepSelf; onChange: (me: TRepSelf) => void }) {
  const t = useR();
  const go = useNav();
  const [f, setF] = useState({
    name: me.name ?? '',
    nationalId: '',
    filingNo: me.filingNo ?? '',
    products: me.products.join('\n'),
    letterFrom: me.letterFrom ?? '',
    letterUntil: me.letterUntil ?? '',
    companyName: me.company?.name ?? '',
    creditCode: me.company?.creditCode ?? '',
    kind: me.company?.kind ?? 'manufacturer',
    licenceNo: me.company?.licenceNo ?? '',
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agree, setAgree] = useState(false);
  // A yearly renewal: the pledge signed for the last submission must be signed again.
  const renewal = !!me.submittedAt;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const act = async (what: string, fn: () => Promise<TRepSelf>) => {
    setBusy(what);
    setError(null);
    try {
      onChange(await fn());
      return true;
    } catch (err) {
      setError(failure(t, err));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    act('save', () =>
      saveProfile({
        name: f.name.trim(),
        nationalId: f.nationalId.trim(),
        filingNo: f.filingNo.trim(),
        products: f.products
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
        letterFrom: f.letterFrom,
        letterUntil: f.letterUntil,
        company: { name: f.companyName.trim(), creditCode: f.creditCode.trim(), kind: f.kind, licenceNo: f.licenceNo.trim() || null },
      }),
    );
  };
  const field = (k: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <div className="p-field">
      <label className="p-label" htmlFor={`rp-${k}`}>
        {label}
      </label>
      <input id={`rp-${k}`} type="text" value={f[k]} onChange={set(k)} {...props} />
    </div>
  );
  const doc = (kind: 'photo' | 'letter' | 'licence', label: string, has: boolean, accept: string) => (
    <div className="rp-row rp-doc">
      <span>
        {label}
        <span className={`rp-badge ${has ? 'rp-approved' : 'rp-draft'}`}>{busy === kind ? t.uploading : has ? t.uploaded : t.notUploaded}</span>
      </span>
      <label className="p-btn rp-small">
        {t.choose}
        <input
          type="file"
          accept={accept}
          hidden
          data-testid={`rep-upload-${kind}`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) act(kind, () => upload(kind, file));
            e.target.value = '';
          }}
        />
      </label>
    </div>
  );

  return (
    <>
      <button type="button" className="p-back" onClick={() => go('/rep')}>
        ‹ {t.back}
      </button>
      {error && <ErrorBox>{error}</ErrorBox>}
      <form className="p-card" onSubmit={save} data-testid="rep-profile">
        <h2 className="p-title">{t.profileTitle}</h2>
        {field('name', t.name, { maxLength: 60, autoComplete: 'name' })}
        {field('nationalId', me.nationalIdMasked ? `${t.nationalId}（${me.nationalIdMasked}）` : t.nationalId, { maxLength: 18 })}
        {field('filingNo', t.filingNo, { maxLength: 40 })}
        <div className="p-field">
          <label className="p-label" htmlFor="rp-products">
            {t.products}
            <span className="p-hint">{t.productsHint}</span>
          </label>
          <textarea id="rp-products" rows={3} value={f.products} onChange={set('products')} />
        </div>
        <div className="p-row">
          {field('letterFrom', t.letterFrom, { type: 'date' })}
          {field('letterUntil', t.letterUntil, { type: 'date' })}
        </div>
        <h3 className="p-subtitle">{t.company}</h3>
        {field('companyName', t.companyName, { maxLength: 60 })}
        {field('creditCode', t.creditCode, { maxLength: 18, style: { textTransform: 'uppercase' } })}
        <div className="p-field">
          <label className="p-label" htmlFor="rp-kind">
            {t.kind}
          </label>
          <select id="rp-kind" value={f.kind} onChange={set('kind')}>
            <option value="manufacturer">{t.kinds.manufacturer}</option>
            <option value="distributor">{t.kinds.distributor}</option>
          </select>
        </div>
        {field('licenceNo', t.licenceNo, { maxLength: 60 })}
        <SubmitButton busy={busy === 'save'} label={t.save} busyLabel={t.saving} testId="rep-profile-save" />
      </form>
      <section className="p-card">
        <h2 className="p-subtitle">{t.documents}</h2>
        {doc('photo', t.photo, me.hasPhoto, 'image/*')}
        {doc('letter', t.letter, me.hasLetter, 'image/*,application/pdf')}
        {me.company && doc('licence', t.licence, me.company.hasLicence, 'image/*,application/pdf')}
      </section>
      <section className="p-card" data-testid="rep-pledge">
        <h2 className="p-subtitle">{t.pledgeTitle}</h2>
        <p className="rp-pledge">{t.pledgeText}</p>
        {me.pledgeSignedAt && !(renewal && me.pledgeSignedAt <= me.submittedAt!) ? (
          <div className="p-alert p-alert-ok">{t.pledgeSigned(shanghaiTime(me.pledgeSignedAt).slice(0, 10))}</div>
        ) : (
          <>
            {renewal && <div className="p-alert p-alert-warn">{t.pledgeResign}</div>}
            <label className="p-check p-field">
              <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} data-testid="rep-pledge-agree" />
              <span>{t.pledgeAgree}</span>
            </label>
            <button type="button" className="p-btn p-btn-primary p-btn-block" disabled={!agree || !!busy} onClick={() => act('pledge', signPledge)} data-testid="rep-pledge-sign">
              {t.signPledge}
            </button>
          </>
        )}
      </section>
      <button
        type="button"
        className="p-btn p-btn-primary p-btn-block"
        disabled={!!busy}
        onClick={async () => (await act('submit', submitRegistration)) && go('/rep')}
        data-testid="rep-submit"
      >
        {renewal ? t.renew : t.submit}
      </button>
    </>
  );
}
