import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { AuthGate } from './AuthGate';
import { useLang } from './i18n';
import { createQueryClient } from './queryClient';
import { THEME } from './theme';

/** Providers: antd (locale follows the UI language), TanStack Query, the router. */
export function App() {
  const lang = useLang();
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthGate />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
