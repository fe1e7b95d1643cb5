/**
 * When a signed recording URL stops working. S3 signature v2 URLs (the vendor's example) carry
 * `Expires=<unix seconds>`; v4 URLs carry `X-Amz-Date` (basic ISO) plus `X-Amz-Expires`
 * (seconds). Undefined when the URL says neither, in which case nobody may cache it.
 */
export function recordingExpiresAt(url: string): Date | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const expires = params.get('Expires');
  if (expires !== null && /^\d+$/.test(expires.trim())) return new Date(Number(expires.trim()) * 1000);

  const amzDate = params.get('X-Amz-Date');
  const amzExpires = params.get('X-Amz-Expires');
  if (amzDate !== null && amzExpires !== null && /^\d+$/.test(amzExpires)) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!m) return undefined;
    const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) + Number(amzExpires) * 1000);
  }
  return undefined;
}
