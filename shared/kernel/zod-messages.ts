import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's English messages for the issues our schemas do not word themselves ("Unrecognized key:
 * "extra"", "Invalid input: expected string, received number"). zod classic set them the first
 * time it built a schema; zod/mini (ADR 0010) leaves them out, and every such issue would say only
 * "Invalid input". Only English is loaded: the other locales stay out of the bundles.
 *
 * Imported for its effect wherever schemas are parsed (`readEnv`, `apiHandler`, the event consumer,
 * `buildEvent`) and by the kernel's index, so it runs before any parse. It is the one file
 * package.json lists under `sideEffects`.
 */
z.config(en());
