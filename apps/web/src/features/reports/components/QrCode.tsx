/** A code's QR, fetched as SVG with the session and inlined (an <img> could not send the cookie's scope checks as nicely and would not print as crisply). */
import { Skeleton } from 'antd';
import { useEffect } from 'react';
import { useQrSvg } from '../api.ts';

export function QrCode({ id, size, className, onReady }: { id: string; size?: number | string; className?: string; onReady?: () => void }) {
  const { data, isError } = useQrSvg(id);
  useEffect(() => {
    if (data || isError) onReady?.();
  }, [data, isError, onReady]);
  if (!data) return isError ? <span>—</span> : <Skeleton.Node active style={{ width: size, height: size }} />;
  return (
    <span
      className={`ql-qr ${className ?? ''}`}
      style={size ? { width: size, height: size } : undefined}
      data-testid="qr"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG rendered by our own server from a URL it made
      dangerouslySetInnerHTML={{ __html: data }}
    />
  );
}
