/** Toggles 简体中文 / English; when signed in the choice is also saved to the account. */
import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n/index.tsx';

/** The 中文 / English toggle (header and login page). */
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { locale, t, setLocale } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  const toggle = async () => {
    await setLocale(next);
    // The local switch already happened; the account setting only matters on other machines.
    if (signedIn) api.post('/api/auth/locale', { locale: next }).catch(() => undefined);
  };
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={toggle} aria-label={t.lang.switchAria} data-testid="lang-switch" lang={next}>
      {t.lang.switchTo}
    </Button>
  );
}
