/**
 * The user's own settings: account facts, password, second factor, language. Also where the gate
 * sends users who must first set up the second factor or replace an initial password.
 */
import { Card, Descriptions, Flex, Radio, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { api } from '../../../lib/api.ts';
import { type Locale, useI18n, usePageTitle } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { PasswordCard } from '../components/PasswordCard.tsx';
import { TotpCard } from '../components/TotpCard.tsx';

/** The personal settings page. */
export default function SettingsPage() {
  const { t, locale, setLocale } = useI18n();
  const ts = t.settings;
  usePageTitle(ts.title);
  const me = useMe();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const section = sp.get('section');

  useEffect(() => {
    if (section) document.getElementById(section)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [section]);

  // Once the gate's reason is gone (factor bound / password changed), carry on to the home page.
  const gated = me.totpRequired || me.mustChangePassword;
  const wasGated = useRef(gated);
  useEffect(() => {
    if (wasGated.current && !gated) navigate('/', { replace: true });
    wasGated.current = gated;
  }, [gated, navigate]);

  const changeLocale = async (l: Locale) => {
    await setLocale(l);
    api.post('/api/auth/locale', { locale: l }).catch(() => undefined);
  };

  const cards = [
    <TotpCard key="totp" />,
    <PasswordCard key="password" required={me.mustChangePassword} />,
  ];
  // Put the card the user was sent here for first.
  if (section === 'password') cards.reverse();

  return (
    <>
      <PageHeader title={ts.title} />
      <Flex vertical gap={16} style={{ maxWidth: 900 }}>
        <Card title={ts.profile} data-testid="settings-profile">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'name', label: t.org.person.name, children: me.displayName },
              { key: 'username', label: t.accounts.username, children: me.username },
              { key: 'role', label: t.accounts.role, children: t.roles[me.role] },
              { key: 'region', label: t.org.institution.region, children: me.regionName },
              { key: 'inst', label: t.accounts.institution, children: me.institutionName ?? t.common.none },
              { key: 'dept', label: t.accounts.department, children: me.departmentName ?? t.common.none },
            ]}
          />
        </Card>
        {cards}
        <Card title={ts.language} id="language" data-testid="settings-language">
          <Radio.Group
            value={locale}
            onChange={(e) => changeLocale(e.target.value as Locale)}
            options={[
              { value: 'zh-CN', label: t.lang.zh },
              { value: 'en-US', label: t.lang.en },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {ts.languageHint}
          </Typography.Paragraph>
        </Card>
      </Flex>
    </>
  );
}
