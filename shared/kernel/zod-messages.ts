import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's English messages for the issues our schemas do not word themselves ("Unrecognized key:
 * "extra"", "Invalid input: expected string, received number"). zod classic set them the first
 * time it built a schema; zod/mini (ADR 0010) leaves them out, and every such issue would say only
 * "Invalid input". Only English is loaded: the other locales stay out of the bundles.
 *
 * Imported for its effect by the kernel's index, the event contracts and `readEnv`, so it runs
 * before any parse.
 */
z.config(en());
