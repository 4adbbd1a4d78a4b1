// A stand-in AWS SDK client for unit tests of pagination: `send` answers from a list of pages, one per call,
// recording each request's input, and fails when asked for a page past the last one.

export function createPagedClient<Client>(pages: Array<Record<string, unknown>>): { client: Client; inputs: Array<Record<string, unknown>> } {
  const inputs: Array<Record<string, unknown>> = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      inputs.push(command.input);
      const page = pages[inputs.length - 1];
      if (!page) throw new Error('asked for a page past the last one');
      return page;
    },
  } as unknown as Client;
  return { client, inputs };
}
