/**
 * Starts a worker on a module of this folder, running what this module runs: compiled,
 * `dist/…/NAME.js` directly; from the sources (development, tests), `NAME.ts` through tsx,
 * registered inside the worker. tsx and the entry are both found from here: the evaluated boot
 * script resolves bare names from the working folder, where a run from outside the project finds
 * no tsx.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

export function startWorker(name: string, resourceLimits?: ResourceLimits): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL(`./${name}.js`, import.meta.url), { resourceLimits });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL(`./${name}.ts`, import.meta.url).href);
  const boot = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}
