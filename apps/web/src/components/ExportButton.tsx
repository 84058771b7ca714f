/** Downloads the list as .xlsx with the filters the user has set (all pages, not just the visible one). */
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { download, type Query } from '../lib/api.ts';
import { downloadCsv } from '../lib/csv.ts';
import { errorMessage } from '../lib/forms.ts';
import { useT } from '../lib/i18n/index.tsx';

/** Server-side .xlsx export of the filtered list. */
export function ExportButton({ path, query, filename }: { path: string; query: Query; filename: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { page: _p, pageSize: _s, ...filters } = query;
      await download(path, filters, filename);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={run} data-testid="export-button">
      {busy ? t.common.exporting : t.common.exportExcel}
    </Button>
  );
}

/** Exports rows gathered in the browser as CSV (for lists the server has no spreadsheet export for). */
export function CsvExportButton({ filename, build }: { filename: string; build: () => Promise<{ header: string[]; rows: (string | number | null | undefined)[][] }> }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { header, rows } = await build();
      downloadCsv(filename, header, rows);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={run} data-testid="export-button">
      {busy ? t.common.exporting : t.common.exportExcel}
    </Button>
  );
}

/** Prints the page; the print stylesheet hides the menu, header, toolbar and actions. */
export function PrintButton() {
  const t = useT();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
      {t.common.print}
    </Button>
  );
}
