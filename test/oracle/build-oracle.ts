/**
 * `npm run oracle:build`: builds the Kubernetes oracle into its cache (or finds it there) before
 * the tests run, so CI pays the build once and says how long it took. Exits 0 without Go, after
 * saying that the oracle tests will be skipped.
 */
import { oracle } from './oracle';

const started = Date.now();
const o = oracle();
if (o.available) {
  process.stdout.write(`[oracle] ${o.binary} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} else {
  process.stdout.write(`[oracle] not built: ${o.reason}\n`);
}
