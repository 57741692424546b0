// The deployment's access code, asked for once and kept for the tab's
// life (sessionStorage), never in the URL or a cookie.
const STORAGE_KEY = "agora-token-lab:access-code";

/** Fired on window whenever the kept code is saved or dropped. */
export const ACCESS_CODE_CHANGED = "agora-token-lab:access-code-changed";

/** Fired on window when the server refused the kept code. */
export const ACCESS_CODE_REFUSED = "agora-token-lab:access-code-refused";

export function readAccessCode(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveAccessCode(code: string): void {
  sessionStorage.setItem(STORAGE_KEY, code);
  window.dispatchEvent(new Event(ACCESS_CODE_CHANGED));
}

/** Forgets the kept code and tells the page to ask for it again. */
export function refuseAccessCode(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  window.dispatchEvent(new Event(ACCESS_CODE_REFUSED));
  window.dispatchEvent(new Event(ACCESS_CODE_CHANGED));
}
