import type { GatewayRoute } from './route-types';

export type OrderRoutesOptions = {
  /** False for routes whose circuit is open; they are left out. */
  isAvailable?: (routeKey: string) => boolean;
  random?: () => number;
};

/**
 * The order in which a request tries its routes: ascending priority, and within one priority a weighted random
 * permutation (each draw picks a remaining route with probability weight / remaining weight).
 */
export function orderRoutes(routes: readonly GatewayRoute[], options: OrderRoutesOptions = {}): GatewayRoute[] {
  const isAvailable = options.isAvailable ?? (() => true);
  const random = options.random ?? Math.random;
  const byPriority = new Map<number, GatewayRoute[]>();
  for (const route of routes) {
    if (!isAvailable(route.key)) continue;
    const group = byPriority.get(route.priority);
    if (group) group.push(route);
    else byPriority.set(route.priority, [route]);
  }
  const priorities = [...byPriority.keys()].sort((a, b) => a - b);
  return priorities.flatMap((priority) => shuffleByWeight(byPriority.get(priority)!, random));
}

function shuffleByWeight(group: GatewayRoute[], random: () => number): GatewayRoute[] {
  if (group.length === 1) return group;
  const remaining = [...group];
  const ordered: GatewayRoute[] = [];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, route) => sum + Math.max(route.weight, 0), 0);
    let pick = remaining.length - 1;
    if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < remaining.length; i++) {
        target -= Math.max(remaining[i].weight, 0);
        if (target < 0) {
          pick = i;
          break;
        }
      }
    } else {
      pick = Math.floor(random() * remaining.length);
    }
    ordered.push(remaining[pick]);
    remaining.splice(pick, 1);
  }
  return ordered;
}
