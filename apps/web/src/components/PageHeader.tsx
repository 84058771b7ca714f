/** Page title with actions; on paper it becomes a header naming the platform, the scope and the print time. */
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n/index.tsx';
import { formatDateTime } from '../lib/time.ts';

/** Title, subtitle and actions of a page. */
export function PageHeader({ title, subtitle, extra }: { title: string; subtitle?: ReactNode; extra?: ReactNode }) {
  const t = useT();
  return (
    <div className="ql-page-header">
      <div className="ql-print-only ql-print-banner">
        {t.app.name} · {t.common.printedAt(formatDateTime(new Date().toISOString()))}
      </div>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {extra && (
          <Flex gap={8} wrap className="ql-no-print">
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
