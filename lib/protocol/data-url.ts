// `data:` URLs, the way OpenAI carries inline images and files.

export type DataUrl = { mediaType: string; base64: string };

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/** Splits a data URL into its media type and base64 payload; undefined when the text is not a data URL. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  const [, mediaType, parameters, payload] = match;
  const isBase64 = parameters.split(';').some((parameter) => parameter.toLowerCase() === 'base64');
  const base64 = isBase64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { mediaType: (mediaType || 'text/plain').toLowerCase(), base64 };
}

export function formatDataUrl(mediaType: string, base64: string): string {
  return `data:${mediaType};base64,${base64}`;
}
