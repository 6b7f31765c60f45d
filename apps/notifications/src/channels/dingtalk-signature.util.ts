import { createHmac } from 'node:crypto';

/**
 * 钉钉 custom robot "加签": sign = urlEncode(base64(HmacSHA256(key = secret, data = `${timestamp}\n${secret}`))),
 * with `timestamp` in milliseconds; the robot rejects a timestamp more than an hour off.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}timestamp=${timestampMs}&sign=${dingtalkSign(secret, timestampMs)}`;
}
