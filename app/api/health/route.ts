// Liveness check for process managers and the end-to-end test runner. Makes no AWS call.

export function GET(): Response {
  return Response.json({ ok: true });
}
