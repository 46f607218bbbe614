// One HTTP/1.1 request written to a socket exactly as given, for attacks fetch would normalise or refuse to send
// (dot segments, escapes, odd methods, a lying Content-Length).
import { connect } from 'node:net';

export type RawAnswer = { status: number; text: string };

/**
 * Resolves with the status code and the raw answer once it is complete (its Content-Length received) or the server
 * closes, whichever comes first. The socket is not half-closed: a server may not answer a request it sees ended.
 */
export function sendRaw(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const done = () => {
      socket.destroy();
      resolve({ status: Number(received.split(' ')[1]), text: received });
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const headerEnd = received.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(received.slice(0, headerEnd));
      if (headerEnd !== -1 && length && Buffer.byteLength(received.slice(headerEnd + 4)) >= Number(length[1])) done();
    });
    socket.on('error', reject);
    socket.on('close', done);
    socket.write(request);
  });
}

/** A request line, headers (Host and Connection: close added) and a body, as raw text. */
export function rawRequestText(port: number, method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
