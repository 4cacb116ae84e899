import * as z from 'zod/mini';
import { Id, Reference, Role } from '../../kernel/index.js';
import { defineRoutes } from '../../runtime/http/routes.js';
import { pageOf, pageQuery } from '../../runtime/http/schemas.js';
import { Task } from '../adapters/tasks-repo.js';
import {
  ConsentState,
  Participant,
  ParticipantInput,
  ParticipantView,
  participantLimits,
} from '../domain/participants.js';

const ParticipantId = z.object({
  id: z
    .string()
    .check(z.minLength(1, 'Give the participant id.'), z.maxLength(64, 'A participant id has at most 64 characters.')),
});
const Health = z.object({ ok: z.literal(true) });
const Me = z.object({ sub: z.string(), roles: z.array(Role), participantId: z.optional(z.string()) });
const Recruited = z.object({ participantId: Id });
const Withdrawn = z.object({ participantId: Id, consent: ConsentState });

export const participantRoutes = defineRoutes('participants-api', {
  health: {
    method: 'GET',
    path: '/api/health',
    roles: 'public',
    summary: 'Is the API up? (no token needed)',
    responses: { 200: Health },
  },
  recruitParticipant: {
    method: 'POST',
    path: '/api/participants',
    roles: ['coordinator'],
    summary: 'Recruit a participant with recorded, capacity-confirmed consent.',
    body: ParticipantInput,
    idempotent: true,
    responses: { 201: Recruited },
  },
  listParticipants: {
    method: 'GET',
    path: '/api/participants',
    roles: ['coordinator'],
    summary: 'Participants, newest first; `areaId` lists one area.',
    query: z.object({ ...pageQuery(), areaId: z.optional(Reference(participantLimits.areaId, 'Enter the area.')) }),
    responses: { 200: pageOf(Participant) },
  },
  getParticipant: {
    method: 'GET',
    path: '/api/participants/{id}',
    roles: ['coordinator', 'member'],
    summary:
      'One participant (a member may read only itself), with lived-experience roles or this year’s staff practice.',
    params: ParticipantId,
    responses: { 200: ParticipantView },
  },
  withdrawConsent: {
    method: 'POST',
    path: '/api/participants/{id}/consent-withdrawal',
    roles: ['coordinator', 'member'],
    summary: 'Withdraw consent: no more invitations or payments for future sessions (a member for itself).',
    params: ParticipantId,
    conflict: 'The record changed while saving.',
    responses: { 200: Withdrawn },
  },
  listTasks: {
    method: 'GET',
    path: '/api/tasks',
    roles: ['coordinator'],
    summary: 'Open coordinator tasks, such as welcoming a new participant.',
    query: z.object(pageQuery()),
    responses: { 200: pageOf(Task) },
  },
  me: {
    method: 'GET',
    path: '/api/me',
    roles: ['coordinator', 'finance', 'governance', 'member'],
    summary: 'Who the token says you are: subject, roles and (for a member) participant.',
    responses: { 200: Me },
  },
});
