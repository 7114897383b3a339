import { useEffect, useState } from 'react';

/** How often ages ("checked 3 minutes ago") are drawn again. */
export const AGE_TICK_MS = 15_000;

/**
 * Draws the calling component again every `ms`, so the ages it shows count
 * up between collections; returns how many ticks have passed.
 */
export function useTicker(ms = AGE_TICK_MS): number {
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTicks(t => t + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return ticks;
}
