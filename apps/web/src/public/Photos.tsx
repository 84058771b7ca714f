/**
 * Up to five photos, each uploaded as soon as it is chosen, one after another, with progress and a
 * remove button. Two buttons: the camera (capture) and the album, since `capture` alone hides the album.
 */
import { useEffect, useRef, useState } from 'react';
import { PublicError, uploadPhoto } from './api.ts';
import { useT } from './i18n.ts';

export interface Photo {
  key: string;
  name: string;
  /** Server id once uploaded. */
  id?: string;
  progress: number;
  error?: string;
  preview?: string;
}

const MAX = 5;
const MAX_BYTES = 8 * 1024 * 1024;
let seq = 0;

/** True while a photo is still on its way (the form waits before submitting). */
export const photosBusy = (ps: Photo[]) => ps.some((p) => !p.id && !p.error);

export function Photos({ where, value, onChange }: { where: { code: string } | { receipt: string }; value: Photo[]; onChange: (ps: Photo[]) => void }) {
  const t = useT();
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const latest = useRef(value);
  latest.current = value;
  const aborts = useRef(new Map<string, () => void>());
  const files = useRef(new Map<string, File>());
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [note, setNote] = useState<string | null>(null);

  const patch = (key: string, p: Partial<Photo>) => onChange(latest.current.map((x) => (x.key === key ? { ...x, ...p } : x)));

  useEffect(
    () => () => {
      for (const a of aborts.current.values()) a();
    },
    [],
  );

  const upload = (key: string) => {
    chain.current = chain.current.then(async () => {
      const file = files.current.get(key);
      if (!file || !latest.current.some((x) => x.key === key)) return; // removed while waiting
      const job = uploadPhoto(file, where, (progress) => patch(key, { progress }));
      aborts.current.set(key, job.abort);
      try {
        const up = await job.promise;
        patch(key, { id: up.id, progress: 100, error: undefined });
      } catch (e) {
        if (e instanceof PublicError && e.status === -1) return;
        patch(key, { error: e instanceof PublicError && e.status > 0 ? e.message : t.uploadFailed, progress: 0 });
      } finally {
        aborts.current.delete(key);
      }
    });
  };

  const add = (list: FileList | null) => {
    setNote(null);
    if (!list?.length) return;
    const room = MAX - latest.current.length;
    const chosen = Array.from(list);
    if (chosen.length > room) setNote(t.photosFull);
    const added: Photo[] = [];
    for (const file of chosen.slice(0, Math.max(0, room))) {
      if (file.size > MAX_BYTES) {
        setNote(t.photoTooLarge);
        continue;
      }
      const key = `p${++seq}`;
      files.current.set(key, file);
      added.push({ key, name: file.name, progress: 0, preview: URL.createObjectURL(file) });
    }
    onChange([...latest.current, ...added]);
    latest.current = [...latest.current, ...added];
    for (const p of added) upload(p.key);
  };

  const remove = (p: Photo) => {
    aborts.current.get(p.key)?.();
    if (p.preview) URL.revokeObjectURL(p.preview);
    files.current.delete(p.key);
    onChange(latest.current.filter((x) => x.key !== p.key));
  };

  const retry = (p: Photo) => {
    patch(p.key, { error: undefined, progress: 0 });
    upload(p.key);
  };

  return (
    <div className="p-field">
      <div className="p-label">
        {t.photos}
        <span className="p-muted">{t.optional}</span>
      </div>
      <div className="p-hint">{t.photosHint}</div>
      {value.length > 0 && (
        <ul className="p-photos" data-testid="photo-list">
          {value.map((p) => (
            <li key={p.key} className="p-photo" data-testid="photo-item" data-uploaded={p.id ? 'true' : 'false'}>
              {p.preview ? <img src={p.preview} alt="" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} /> : <span className="p-photo-name">{p.name}</span>}
              <div className="p-photo-state">
                {p.error ? (
                  <>
                    <span className="p-error-text">{p.error}</span>
                    {files.current.has(p.key) && (
                      <button type="button" className="p-link" onClick={() => retry(p)}>
                        {t.uploadRetry}
                      </button>
                    )}
                  </>
                ) : p.id ? (
                  <span className="p-ok">✓</span>
                ) : (
                  <>
                    <span>{t.uploading(p.progress)}</span>
                    <span className="p-progress">
                      <span style={{ width: `${p.progress}%` }} />
                    </span>
                  </>
                )}
              </div>
              <button type="button" className="p-photo-remove" onClick={() => remove(p)} aria-label={`${t.removePhoto} ${p.name}`} data-testid="photo-remove">
                {t.removePhoto}
              </button>
            </li>
          ))}
        </ul>
      )}
      {note && <div className="p-error-text">{note}</div>}
      {value.length < MAX && (
        <div className="p-row">
          <button type="button" className="p-btn p-btn-ghost" onClick={() => camera.current?.click()}>
            {t.takePhoto}
          </button>
          <button type="button" className="p-btn p-btn-ghost" onClick={() => album.current?.click()}>
            {t.choosePhoto}
          </button>
        </div>
      )}
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="photo-camera"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={album}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="photo-album"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
