import { warnRedisUnavailable, withinCommandTimeout, type RedisClient } from './redis';

// Cache invalidation over Redis pub/sub, beside PostgreSQL's LISTEN/NOTIFY: a second path for the same messages,
// so instances stay consistent while either one is down. A message heard on both paths clears twice, which is
// harmless; a subscription that was lost and is back clears everything, since messages may have been missed.

/** A second path for the invalidation bus's messages. */
export type InvalidationRelay = {
  publish(payload: string): Promise<unknown>;
  /** Delivers every payload published by any instance; `onResubscribed` runs each time the subscription is (re)made. */
  start(onMessage: (payload: string) => void, onResubscribed: () => void): void;
  /** Messages are heard right now. */
  isLive(): boolean;
  stop(): Promise<void>;
};

/** A relay on `channel` through `client` (publishing) and a dedicated subscriber connection of its own. */
export function redisInvalidationRelay(client: RedisClient, channel: string): InvalidationRelay {
  const subscriber = client.duplicate();
  let subscribed = false;
  return {
    publish: (payload) => withinCommandTimeout(client.publish(channel, payload)),
    start(onMessage, onResubscribed) {
      subscriber.on('error', warnRedisUnavailable);
      subscriber.on('end', () => (subscribed = false));
      // node-redis renews subscriptions after a reconnect and says 'ready' when it is back.
      subscriber.on('ready', () => {
        if (!subscribed) return;
        onResubscribed();
      });
      subscriber
        .connect()
        .then(() => subscriber.subscribe(channel, onMessage))
        .then(() => {
          subscribed = true;
          onResubscribed();
        })
        .catch(() => {});
    },
    isLive: () => subscribed && subscriber.isReady,
    stop: async () => {
      subscribed = false;
      subscriber.destroy();
    },
  };
}
