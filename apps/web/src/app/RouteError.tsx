/** Last resort for a page that failed to load or render (often a chunk gone after an upgrade). */
import { Button, Flex } from 'antd';
import { useRouteError } from 'react-router';
import { useT } from '../lib/i18n/index.tsx';

// Plain markup rather than antd Result: this is part of the entry chunk, which the login page loads.
export function RouteError() {
  const t = useT();
  const err = useRouteError();
  if (err) console.error(err);
  return (
    <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: '60vh', textAlign: 'center' }} role="alert">
      <h2 style={{ margin: 0 }}>{t.common.pageError}</h2>
      <p style={{ margin: 0, color: '#666' }}>{t.common.pageErrorHint}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t.common.reload}
      </Button>
    </Flex>
  );
}
