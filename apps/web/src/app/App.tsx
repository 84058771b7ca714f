/**
 * Providers: language, antd locale and theme, data cache, router. antd's <App> (message, modal,
 * notification) lives in the signed-in layout so the login page does not load it.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from '../lib/api.ts';
import { I18nProvider, useI18n } from '../lib/i18n/index.tsx';
import { queryClient } from '../lib/query.ts';
import { ME_KEY, markSessionExpired } from '../lib/session.tsx';
import { router } from './router.tsx';

// A 401 anywhere means the session ended: forget the user; the route guard then shows the login page.
setUnauthenticatedHandler(() => {
  if (queryClient.getQueryData(ME_KEY)) {
    markSessionExpired();
    queryClient.setQueryData(ME_KEY, null);
  }
});

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
  },
};

function Localized() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}

/** The whole console: providers around the router. */
export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
