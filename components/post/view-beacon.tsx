'use client';

import { useEffect } from 'react';

// Counts a view once the page has actually loaded in a browser: never on the server
// render, so cached pages are counted and prefetches are not.
export function ViewBeacon({ postId }: { postId: string }) {
  useEffect(() => {
    const send = () => {
      const body = JSON.stringify({ postId });
      if (!navigator.sendBeacon?.('/api/views', body)) {
        void fetch('/api/views', { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'application/json' } });
      }
    };
    if (document.readyState === 'complete') {
      send();
      return;
    }
    window.addEventListener('load', send, { once: true });
    return () => window.removeEventListener('load', send);
  }, [postId]);
  return null;
}
