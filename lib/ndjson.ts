// Reads a streamed NDJSON response body line by line, handing each parsed line to `onEvent`. Runs in the browser.

export async function readNdjsonStream<Event>(body: ReadableStream<Uint8Array<ArrayBuffer>>, onEvent: (event: Event) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim()) onEvent(JSON.parse(line) as Event);
    }
    if (done) break;
  }
}

/** The message of a JSON error answer, or a sentence with the HTTP status. */
export async function readErrorMessage(response: Response, what: string): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    return body.message ?? `${what} could not start (HTTP ${response.status}).`;
  } catch {
    return `${what} could not start (HTTP ${response.status}).`;
  }
}
