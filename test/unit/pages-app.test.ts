// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  announce,
  api,
  clearErrors,
  el,
  money,
  renderHeader,
  requireRole,
  saveSession,
  sendOnce,
  session,
  showErrors,
} from '../../web/src/lib/app.js';

const jsonResponse = (status: number, body: unknown) =>
  new Response(body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

beforeEach(() => {
  sessionStorage.clear();
  document.body.innerHTML = '<header class="site"></header><main><h1>Page</h1></main>';
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('money', () => {
  it('reads as the server writes it: euro and sterling, from minor units', () => {
    expect(money(17_500, 'EUR')).toBe('€175.00');
    expect(money(2_350, 'GBP')).toBe('£23.50');
    expect(money(0, 'EUR')).toBe('€0.00');
    expect(money(123_456_789, 'EUR')).toBe('€1,234,567.89');
  });
});

describe('el', () => {
  it('sets text, leaves out false and empty attributes, keeps true as present', () => {
    const b = el('button', { type: 'button', text: 'Go', disabled: true, hidden: false, title: undefined });
    expect(b.outerHTML).toBe('<button type="button" disabled="">Go</button>');
    const p = el('p', {}, 'a ', el('strong', { text: 'b' }), null, undefined);
    expect(p.innerHTML).toBe('a <strong>b</strong>');
  });
});

describe('the session', () => {
  it('is what was saved, and nothing when the stored user is not readable', () => {
    expect(session()).toBeNull();
    saveSession('tok', { name: 'Aoife', groups: ['member'], participantId: 'P1' });
    expect(session()).toEqual({ token: 'tok', name: 'Aoife', groups: ['member'], participantId: 'P1' });
    sessionStorage.setItem('coproduce.user', '{not json');
    expect(session()).toBeNull();
  });

  it('shows a member only the member links, marks the current page, and offers sign out', () => {
    saveSession('tok', { name: 'Aoife', groups: ['member'] });
    renderHeader();
    const links = [...document.querySelectorAll('header nav a')].map((a) => a.textContent);
    expect(links).toEqual([
      'Home',
      'Decisions',
      'My sessions',
      'My payments',
      'My surveys',
      'What you have said',
      'How did it feel?',
    ]);
    expect(document.querySelector('header nav a[aria-current="page"]')?.textContent).toBe('Home');
    expect(document.querySelector('header .who')?.textContent).toContain('Signed in as Aoife (member)');
    expect(document.querySelector('header .who button')?.textContent).toBe('Sign out');
  });

  it('sends someone without the role to sign in, and keeps where they were going', () => {
    saveSession('tok', { name: 'Finn', groups: ['finance'] });
    history.replaceState(null, '', '/participants?x=1');
    expect(requireRole('coordinator')).toBeNull();
    expect(location.href).toContain('/sign-in?next=%2Fparticipants%3Fx%3D1');
  });
});

describe('api and sendOnce', () => {
  it('sends the token and JSON, and answers the parsed body', async () => {
    saveSession('tok', { name: 'C', groups: ['coordinator'] });
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: 1 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await api<{ ok: number }>('POST', '/api/x', { a: 1 })).toEqual({ ok: 1 });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json' });
    expect(init.body).toBe('{"a":1}');
  });

  it('throws ApiError with the body for a refusal', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse(409, { message: 'Already signed' }));
    const err = await api('GET', '/api/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(409);
    expect((err as ApiError).message).toBe('Already signed');
  });

  it('keeps the idempotency key for a retry after a server error and drops it after a refusal', async () => {
    const form = el('form');
    const keys: string[] = [];
    let status = 503;
    vi.stubGlobal('fetch', async (_p: string, init: RequestInit) => {
      keys.push((init.headers as Record<string, string>)['idempotency-key'] ?? '');
      return jsonResponse(status, { message: 'x' });
    });
    await sendOnce(form, 'POST', '/api/x', {}).catch(() => {});
    await sendOnce(form, 'POST', '/api/x', {}).catch(() => {});
    expect(keys[0]).toBe(keys[1]);
    status = 400;
    await sendOnce(form, 'POST', '/api/x', {}).catch(() => {});
    expect(form.dataset.idempotencyKey).toBeUndefined();
    await sendOnce(form, 'POST', '/api/x', {}).catch(() => {});
    expect(keys[3]).not.toBe(keys[0]);
  });
});

describe('showErrors', () => {
  const form = () => {
    document.querySelector('main')!.innerHTML = `
      <form>
        <div class="field" data-path="name"><label for="name">Name</label><input id="name"></div>
        <fieldset class="field" data-path="benefits"><legend>Benefits</legend>
          <div class="choice"><input type="checkbox" id="b1"><label for="b1">None</label></div>
        </fieldset>
        <div class="field" data-path="email"><label for="email">Email</label><input id="email" aria-describedby="email-hint"></div>
      </form>`;
    return document.querySelector('form')!;
  };

  it('puts a summary first that takes focus, links each issue to its field, and marks the fields', () => {
    const f = form();
    showErrors(f, [
      { path: 'email', message: 'Enter an email address' },
      { path: 'benefits.0.scheme', message: 'Choose a benefit or "No benefits"' },
      { path: 'somethingElse', message: 'Try again later' },
    ]);
    const summary = f.firstElementChild as HTMLElement;
    expect(summary.className).toBe('error-summary');
    expect(document.activeElement).toBe(summary);
    const links = [...summary.querySelectorAll('li')].map((li) => [
      li.textContent,
      li.querySelector('a')?.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Enter an email address', '#email'],
      ['Choose a benefit or "No benefits"', '#b1'],
      ['Try again later', undefined],
    ]);
    const email = f.querySelector('#email')!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toMatch(/^email-hint err-\d+-0$/);
    // The checkbox's message sits above its row, not between the box and its label.
    expect(f.querySelector('.choice')?.previousElementSibling?.textContent).toBe('Choose a benefit or "No benefits"');
  });

  it('the first link goes to the first field in the order the issues came', () => {
    const f = form();
    showErrors(f, [
      { path: 'name', message: 'Enter a name' },
      { path: 'email', message: 'Enter an email address' },
    ]);
    const first = f.querySelector<HTMLAnchorElement>('.error-summary a')!;
    expect(first.getAttribute('href')).toBe('#name');
  });

  it('clears everything it added, keeping the hints', () => {
    const f = form();
    showErrors(f, [{ path: 'email', message: 'Enter an email address' }]);
    clearErrors(f);
    expect(f.querySelector('.error-summary, .error-message, .has-error, [aria-invalid]')).toBeNull();
    expect(f.querySelector('#email')?.getAttribute('aria-describedby')).toBe('email-hint');
  });
});

describe('announce', () => {
  it('writes one status region at the top of main and reuses it', () => {
    announce('Saved');
    announce('Could not save', 'notice');
    const regions = document.querySelectorAll('[role="status"]');
    expect(regions).toHaveLength(1);
    expect(regions[0]?.textContent).toBe('Could not save');
    expect(regions[0]?.className).toBe('panel notice');
    expect(document.querySelector('main')?.firstElementChild).toBe(regions[0]);
  });
});
