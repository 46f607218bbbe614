import { afterAll, beforeAll, beforeEach } from 'vitest';
import { closeTestGateways, useFreshTestGateway, type TestGatewayOptions } from '../helpers/test-gateway';
import { startUpstreamStub, type UpstreamStub, type UpstreamStubOptions } from '../upstream-stub';
import { serveGateway, type ServedGateway } from './serve-gateway';

export type GatewayTestbedOptions = {
  /** The stub's options; false for a file that talks to no stub. */
  stub?: UpstreamStubOptions | false;
  /** Serve the helpers' gateway (whichever is current, looked up on every request) at `gatewayUrl`. */
  serve?: boolean;
  /** Before each test the stub forgets its replies and requests, and the helpers get a fresh gateway with these options. */
  freshGateway?: true | TestGatewayOptions | (() => TestGatewayOptions);
};

export type GatewayTestbed = {
  readonly stub: UpstreamStub;
  /** The served gateway's `http://127.0.0.1:PORT`, without `/v1`. */
  readonly gatewayUrl: string;
};

// Registers a file's (or a describe's) gateway testbed; call it before the file's own hooks. It sets up an upstream
// stub and the helpers' gateway served over HTTP (and, with freshGateway, an empty stub and a fresh gateway before each
// test), and tears down the served gateway, the stub and the test gateways.
export function setUpGatewayTestbed(options: GatewayTestbedOptions = {}): GatewayTestbed {
  let stub: UpstreamStub | undefined;
  let served: ServedGateway | undefined;

  beforeAll(async () => {
    if (options.stub !== false) stub = await startUpstreamStub(options.stub);
    if (options.serve) served = await serveGateway();
  });
  afterAll(async () => {
    await served?.close();
    await stub?.close();
    await closeTestGateways();
  });
  const { freshGateway } = options;
  if (freshGateway) {
    beforeEach(() => {
      stub?.reset();
      if (freshGateway === true) useFreshTestGateway();
      else useFreshTestGateway(typeof freshGateway === 'function' ? freshGateway() : freshGateway);
    });
  }

  return {
    get stub() {
      if (options.stub === false) throw new Error('setUpGatewayTestbed: this testbed was made with stub: false');
      if (!stub) throw new Error('setUpGatewayTestbed: the stub starts in beforeAll; read it in a hook or a test');
      return stub;
    },
    get gatewayUrl() {
      if (!options.serve) throw new Error('setUpGatewayTestbed: this testbed serves no gateway (pass serve: true)');
      if (!served) throw new Error('setUpGatewayTestbed: the gateway is served in beforeAll; read its URL in a hook or a test');
      return served.url;
    },
  };
}
