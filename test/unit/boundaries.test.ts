import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSources, checkTree } from '../../shared/local/check-boundaries.js';

const root = resolve(import.meta.dirname, '..', '..');
const rulesFor = (file: string, source: string) => checkSources(root, { [file]: source }).map((v) => v.rule);

describe('the room map (npm run lint)', () => {
  it('holds for the whole tree', () => {
    expect(checkTree(root)).toEqual([]);
  });

  it('fails on a planted deep import into another context', () => {
    const planted = {
      'shared/payments/app/planted.ts':
        "import { participantKey } from '../../participants/adapters/participants-repo.js';\n",
    };
    const found = checkTree(root, planted).filter((v) => v.file === 'shared/payments/app/planted.ts');
    expect(found).toEqual([
      {
        file: 'shared/payments/app/planted.ts',
        line: 1,
        specifier: '../../participants/adapters/participants-repo.js',
        rule: 'another context is entered through its index.ts only (shared/participants/index.ts)',
      },
    ]);
  });

  it('lets a context use another through its index.ts', () => {
    expect(
      rulesFor('shared/payments/app/ok.ts', "import { getParticipants } from '../../participants/index.js';"),
    ).toEqual([]);
  });

  it('refuses the AWS SDK in domain/, app/ and http/, and allows it in adapters/', () => {
    const sdk = "import { GetCommand } from '@aws-sdk/lib-dynamodb';";
    expect(rulesFor('shared/forums/domain/x.ts', sdk)).toHaveLength(1);
    expect(rulesFor('shared/forums/app/x.ts', sdk)).toHaveLength(1);
    expect(rulesFor('shared/forums/http/x.ts', sdk)).toHaveLength(1);
    expect(rulesFor('shared/forums/adapters/x.ts', sdk)).toEqual([]);
  });

  it('keeps domain/ pure: no adapters, no runtime, no other context', () => {
    expect(rulesFor('shared/forums/domain/x.ts', "import { a } from '../adapters/forums-repo.js';")).toHaveLength(1);
    expect(rulesFor('shared/forums/domain/x.ts', "import { a } from '../../runtime/store/db.js';")).toHaveLength(1);
    expect(rulesFor('shared/forums/domain/x.ts', "import { a } from '../../payments/index.js';")).toHaveLength(1);
    expect(rulesFor('shared/forums/domain/x.ts', "import { a } from '../../kernel/index.js';")).toEqual([]);
  });

  it('keeps HTTP out of app/ and contexts out of runtime/', () => {
    expect(rulesFor('shared/forums/app/x.ts', "import type { a } from '../http/routes.js';")).toHaveLength(1);
    expect(rulesFor('shared/forums/app/x.ts', "import { a } from '../../runtime/http/api.js';")).toHaveLength(1);
    expect(rulesFor('shared/runtime/store/x.ts', "import { a } from '../../forums/index.js';")).toHaveLength(1);
  });

  it('enters the kernel through its index, or takes a zod-free module of it on its own', () => {
    expect(rulesFor('shared/forums/app/x.ts', "import { a } from '../../kernel/enums.js';")).toHaveLength(1);
    expect(rulesFor('shared/forums/domain/x.ts', "import { a } from '../../kernel/time.js';")).toEqual([]);
    expect(rulesFor('shared/runtime/http/x.ts', "import { a } from '../../kernel/names.js';")).toEqual([]);
    expect(rulesFor('shared/runtime/http/x.ts', "import { a } from '../../kernel/enums.js';")).toHaveLength(1);
  });
});
