/**
 * A full garbage collection on demand. Large typed arrays live outside the JS heap, and a heap
 * that hardly grows rarely triggers a collection, so between passes of the LSA fit hundreds of
 * megabytes of dead matrices would otherwise wait for one.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
