import { api, clearErrors, renderHeader, saveSession, showErrors } from '/assets/app.js';

renderHeader();
const form = document.getElementById('sign-in-form');
const participantField = document.getElementById('participant-field');
form.addEventListener('change', () => {
  participantField.hidden = form.role.value !== 'member';
});
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(form);
  const name = form.name.value.trim();
  const role = form.role.value;
  const participantId = form.participantId.value.trim();
  const issues = [];
  if (!name) issues.push({ path: 'name', message: 'Enter your name.' });
  if (role === 'member' && !participantId)
    issues.push({ path: 'participantId', message: 'Enter your participant number.' });
  if (issues.length) return showErrors(form, issues);
  try {
    const sub = `${role}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const { token } = await api('POST', '/api/dev/token', {
      sub,
      groups: [role],
      ...(role === 'member' ? { participantId } : {}),
    });
    saveSession(token, { name, groups: [role], participantId: role === 'member' ? participantId : undefined });
    const next = new URLSearchParams(location.search).get('next');
    location.href = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  } catch (err) {
    showErrors(form, err.body?.issues ?? [{ path: '', message: 'Sign-in did not work. Please try again.' }]);
  }
});
