// A response body that fails when its source goes quiet for too long. The clock runs only while the
// consumer is waiting for the next chunk, so a slow reader (backpressure) never looks like an idle upstream.

/**
 * `body` re-streamed: each read gets `ms` to produce a chunk, or `onIdle` is called and the stream
 * errors (a truncated body must never look complete). Cancelling it cancels `body`.
 */
export function idleBoundedBody(
  body: ReadableStream<Uint8Array>,
  ms: number,
  onIdle: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`the upstream sent nothing for ${ms} ms`)), ms);
        });
        try {
          const next = await Promise.race([reader.read(), idle]);
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          onIdle();
          reader.cancel(error).catch(() => {});
          controller.error(error);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
