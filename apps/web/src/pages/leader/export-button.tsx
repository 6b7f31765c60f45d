import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { authFetch, errorMessage } from '../../api/client';
import { messages } from '../../i18n/messages';

type Query = Record<string, string | number | boolean | undefined>;

/** The Chinese `filename*` of an attachment (RFC 5987), else its ASCII `filename`, else the fallback. */
export function attachmentName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // a malformed name falls through to the plain one
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/** Builds `path?query&format=xlsx`, leaving out parameters that are not set. */
export function exportUrl(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('format', 'xlsx');
  return `${window.location.origin}${path}?${params.toString()}`;
}

async function download(path: string, query: Query): Promise<void> {
  const response = await authFetch(new Request(exportUrl(path, query)));
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new Error(body ? errorMessage(body) : messages.leader.exportFailed);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(response.headers.get('content-disposition'), 'report.xlsx');
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "导出 Excel" for a report route: the same parameters as on screen, as an .xlsx the gateway streams. */
export function ExportButton({ path, query = {}, testId }: { path: string; query?: Query; testId?: string }) {
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: () => download(path, query),
    onError: (error) => void message.error(error.message),
  });
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={run.isPending}
      onClick={() => run.mutate()}
      data-testid={testId}
    >
      {run.isPending ? messages.leader.exporting : messages.leader.export}
    </Button>
  );
}
