/**
 * Reads an `application/x-json-stream` body (one JSON object per line, each
 * ending in a newline) without holding the whole body in memory. Calls
 * `onItem` per object. A last line without its newline means the stream was
 * cut short, which is reported rather than silently accepted.
 */
export async function readNdjson(
  body: AsyncIterable<Uint8Array> | null,
  onItem: (item: unknown) => void,
): Promise<number> {
  if (!body) return 0;
  const decoder = new TextDecoder();
  let buffer = '';
  let count = 0;
  let lineNumber = 0;
  const emit = (line: string) => {
    lineNumber++;
    if (!line.trim()) return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      throw new Error(`line ${lineNumber} is not JSON`);
    }
    count++;
    onItem(item);
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    let start = 0;
    while (newline !== -1) {
      emit(buffer.slice(start, newline));
      start = newline + 1;
      newline = buffer.indexOf('\n', start);
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  if (buffer.trim()) {
    throw new Error(
      `the stream ended in the middle of line ${lineNumber + 1} (truncated)`,
    );
  }
  return count;
}
