// Small runtime services the UI needs besides bound methods: the clipboard.
import { ClipboardSetText } from '../../wailsjs/runtime/runtime';

/** Copies text, preferring the browser clipboard and falling back to the Wails runtime. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // the webview may refuse the browser clipboard; try the native one
  }
  try {
    return await ClipboardSetText(text);
  } catch {
    return false;
  }
}
