import { beginRequest } from './in-flight';

/**
 * Counts a request as in flight until its response body has been read to the end, failed, or been cancelled by
 * the client, so shutdown waits for streams rather than only for the handler to return.
 */
export async function trackInFlight(answer: () => Promise<Response>): Promise<Response> {
  const end = beginRequest();
  let response: Response;
  try {
    response = await answer();
  } catch (error) {
    end();
    throw error;
  }
  if (!response.body) {
    end();
    return response;
  }
  return new Response(endWhenDone(response.body, end), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function endWhenDone(body: ReadableStream<Uint8Array>, end: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
}
