import { unwrap } from '../api/client';

/** The file name a Content-Disposition header gives (RFC 5987 `filename*` first), else the fallback. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // A malformed escape: the plain name below is still usable.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Hands a file the API answered (openapi-fetch with `parseAs: 'blob'`) to the browser as a download. */
export function saveDownload(
  result: { data?: Blob; error?: unknown; response: Response },
  fallback: string,
): void {
  const blob = unwrap(result);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionFilename(result.response.headers.get('content-disposition'), fallback);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next task: Safari drops a download whose URL is revoked synchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
