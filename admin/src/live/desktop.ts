/**
 * Desktop notifications through the Notification API, never with sound, and only once the viewer
 * has granted permission: nothing asks on load; the bell offers to turn them on.
 */
type NotificationCtor = { permission: NotificationPermission; requestPermission(): Promise<NotificationPermission> } & (new (title: string, options?: NotificationOptions) => Notification);

const api = (): NotificationCtor | null => (typeof globalThis !== 'undefined' && 'Notification' in globalThis ? (globalThis.Notification as unknown as NotificationCtor) : null);

export const desktopPermission = (): NotificationPermission | 'unsupported' => api()?.permission ?? 'unsupported';

export async function enableDesktopNotifications(): Promise<NotificationPermission | 'unsupported'> {
  const N = api();
  if (!N) return 'unsupported';
  return N.requestPermission();
}

/** Shows one silent notification if allowed; `onClick` focuses the tab and acts. Returns whether it was shown. */
export function showDesktopNotification(title: string, body: string, tag: string, onClick?: () => void): boolean {
  const N = api();
  if (!N || N.permission !== 'granted') return false;
  try {
    const n = new N(title, { body, tag, silent: true });
    n.onclick = () => {
      globalThis.focus?.();
      onClick?.();
      n.close();
    };
    return true;
  } catch {
    // Some browsers allow notifications only from a service worker: the banner is there anyway.
    return false;
  }
}
