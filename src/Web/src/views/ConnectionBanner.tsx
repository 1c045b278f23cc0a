import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '../hooks';
import { t } from '../i18n';
import type { Live } from '../live';

/** Connection honesty: says plainly when the screen may be stale (offline, or a view the server lost touch with), and when it is current again. */
export function ConnectionBanner({ live }: { live: Live }) {
  useStore(live);
  const [back, setBack] = useState(false);
  const wasDown = useRef(false);
  useEffect(() => {
    if (live.status === 'reconnecting' || live.status === 'disconnected') wasDown.current = true;
    if (live.status === 'connected' && wasDown.current) {
      wasDown.current = false;
      setBack(true);
      const timer = setTimeout(() => setBack(false), 4000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [live.status]);

  if (live.status === 'reconnecting' || live.status === 'disconnected') {
    return (
      <div class="banner banner-down" role="alert" data-connection={live.status}>
        {live.status === 'reconnecting' ? t().connReconnecting : t().connDisconnected}
      </div>
    );
  }
  if (live.status === 'connecting') {
    return <div class="banner banner-info" role="status" data-connection="connecting">{t().connConnecting}</div>;
  }
  if (live.stale) {
    return <div class="banner banner-info" role="status" data-connection="stale">{t().connStale}</div>;
  }
  return (
    <div class={back ? 'banner banner-ok' : 'sr-only'} role="status" data-connection="connected">
      {back ? t().connBack : ''}
    </div>
  );
}
