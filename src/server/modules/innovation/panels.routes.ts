import { z } from 'zod';
import { DeclareConflictsBody, PanelView, SavePanelBody } from '../../../contracts/panels.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { advancePanel, declareConflicts, getPanel, savePanel, type PanelTransition } from './panels.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20).describe('Challenge id') });

const TRANSITIONS: { verb: PanelTransition; summary: string; description: string }[] = [
  { verb: 'start', summary: 'Start scoring 评审组开始评审', description: 'forming → scoring: the members are fixed and reviewers may be assigned (from the members only). The challenge’s managers (poster, gov in scope, admins); 403 for members who do not manage; 404 without a panel and for everyone else; 409 from another state.' },
  { verb: 'conclude', summary: 'Conclude the review 评审组结束评审', description: 'scoring → concluded: no more assignment, declarations or scores. The challenge’s managers; 403 for members who do not manage; 404 without a panel and for everyone else; 409 from another state.' },
];

/** `/api/v1/challenges/:id/panel*`: the review panel (评审组) of a challenge (ADR 0032). */
export function panelRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/challenges/:id/panel', {
      schema: { tags: TAGS, summary: 'Review panel of a challenge 评审组', description: 'Name, state, chair, members with their conflict-of-interest declarations and review counts, and the applicants by name (for declarations). The challenge’s managers and the panel’s members; 404 for others and when the challenge has no panel.', params: IdParams, response: { 200: PanelView } },
    }, async (request) => getPanel(db, requireActor(request), request.params.id));

    app.put('/api/v1/challenges/:id/panel', {
      schema: { tags: TAGS, summary: 'Form or change the review panel 组建评审组', description: 'Creates the panel (201) or, while it is forming, replaces its name, chair and members (200). The chair is made a member; experts already assigned to the challenge must stay (422). Unknown experts → 422 naming `chairExpertId` or `memberExpertIds.N`. Once scoring, or on an awarded or cancelled challenge → 409. The challenge’s managers only (403 for others).', params: IdParams, body: SavePanelBody, response: { 200: PanelView, 201: PanelView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const { isNew } = await savePanel(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(isNew ? 201 : 200).send(await getPanel(db, actor, request.params.id));
    });

    for (const { verb, summary, description } of TRANSITIONS) {
      app.post(`/api/v1/challenges/:id/panel/${verb}`, {
        schema: { tags: TAGS, summary, description, params: IdParams, response: { 200: PanelView } },
      }, async (request) => {
        const actor = requireActor(request);
        await advancePanel(db, { actor, requestId: request.id }, request.params.id, verb);
        return getPanel(db, actor, request.params.id);
      });
    }

    app.post('/api/v1/challenges/:id/panel/declaration', {
      schema: { tags: TAGS, summary: 'Declare conflicts of interest 申报利益冲突', description: 'The calling expert, a member of the panel, declares the applicants they have a conflict of interest with (an empty list: none), replacing an earlier declaration. A conflict removes the member’s reviews of that application (open or scored) and keeps them from being assigned to it. A code that is not an applicant → 422 naming `conflicts.N.uscc`; 404 for everyone but members; 409 once the panel concluded.', params: IdParams, body: DeclareConflictsBody, response: { 200: PanelView.extend({ removedReviews: z.number().int().describe('Reviews removed by this declaration.') }) } },
    }, async (request) => {
      const actor = requireActor(request);
      const { removedReviews } = await declareConflicts(db, { actor, requestId: request.id }, request.params.id, request.body);
      return { ...(await getPanel(db, actor, request.params.id)), removedReviews };
    });
  };
}
