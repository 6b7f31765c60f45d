import { createHmac } from 'node:crypto';
import { dingtalkSign, signedDingtalkUrl } from './dingtalk-signature.util';

describe('钉钉 signed URL', () => {
  const secret = 'SEC1234567890abcdef';
  const timestamp = 1_793_577_600_000;

  it('is the URL-encoded base64 HmacSHA256 of "timestamp\\nsecret" keyed by the secret', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(decodeURIComponent(dingtalkSign(secret, timestamp))).toBe(expected);
    expect(dingtalkSign(secret, timestamp)).not.toMatch(/[+/=]/);
  });

  it('appends timestamp and sign to the robot URL', () => {
    const url = signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, timestamp);
    const parsed = new URL(url);
    expect(parsed.searchParams.get('access_token')).toBe('abc');
    expect(parsed.searchParams.get('timestamp')).toBe(String(timestamp));
    expect(parsed.searchParams.get('sign')).toBe(decodeURIComponent(dingtalkSign(secret, timestamp)));
  });
});
