/**
 * The case page's own operations (validated against the schema by documents.test.ts). Every
 * mutation takes the case `version` it was read at; the page reloads the case afterwards, so the
 * answers ask only for what tells the outcome.
 */

const RESULT = 'case { id version status }';

/** The state machine as data: which events each state allows, the target state and the article. */
export const CASE_TRANSITIONS = `query CaseTransitions { caseTransitions { event from to basis } }`;

/** The live forbidden-phrase check of a draft (the viewer's tenant's phrases and those above). */
/** One personal field, unmasked, with the reason written to the access log (Art. 26). */
export const REVEAL_REQUESTER_FIELD = `mutation RevealRequesterField($input: RevealRequesterFieldInput!) { revealRequesterField(input: $input) { field value } }`;

/** The materials checklist of the service-item version the case was opened under. */
export const CASE_CHECKLIST = `query CaseChecklist($id: ID!) {
  node(id: $id) { ... on Case { id serviceItemVersion serviceItem { id versions { versionNo content { materials { key name note required } } } } } }
}`;

export const START_CASE = `mutation StartCase($input: StartCaseInput!) { startCase(input: $input) { ${RESULT} } }`;
export const ASSIGN_CASE = `mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ${RESULT} } }`;
export const REASSIGN_CASE = `mutation ReassignCase($input: ReassignCaseInput!) { reassignCase(input: $input) { ${RESULT} } }`;
export const TRANSFER_CASE = `mutation TransferCase($input: TransferCaseInput!) { transferCase(input: $input) { ${RESULT} } }`;
export const ACCEPT_TRANSFER = `mutation AcceptTransfer($input: AcceptTransferInput!) { acceptTransfer(input: $input) { ${RESULT} } }`;
export const REJECT_TRANSFER = `mutation RejectTransfer($input: TransferDecisionInput!) { rejectTransfer(input: $input) { ${RESULT} } }`;
export const WITHDRAW_TRANSFER = `mutation WithdrawTransfer($input: WithdrawTransferInput!) { withdrawTransfer(input: $input) { ${RESULT} } }`;
export const EXTEND_DEADLINE = `mutation ExtendDeadline($input: ExtendDeadlineInput!) { extendDeadline(input: $input) { ${RESULT} } }`;
export const REQUEST_MATERIALS = `mutation RequestMaterials($input: RequestMaterialsInput!) { requestMaterials(input: $input) { ${RESULT} } }`;
export const RECEIVE_MATERIALS = `mutation ReceiveMaterials($input: ReceiveMaterialsInput!) { receiveMaterials(input: $input) { ${RESULT} } }`;
export const RESOLVE_CASE = `mutation ResolveCase($input: ResolveCaseInput!) { resolveCase(input: $input) { ${RESULT} } }`;
export const REPLY_TO_REQUESTER = `mutation ReplyToRequester($input: ReplyToRequesterInput!) { replyToRequester(input: $input) { ${RESULT} } }`;
export const ADD_CASE_NOTE = `mutation AddCaseNote($input: CaseTextInput!) { addCaseNote(input: $input) { ${RESULT} } }`;
export const POST_FEEDBACK = `mutation PostFeedback($input: PostFeedbackInput!) { postFeedback(input: $input) { ${RESULT} } }`;
export const REOPEN_CASE = `mutation ReopenCase($input: CaseReasonInput!) { reopenCase(input: $input) { ${RESULT} } }`;
export const REJECT_CASE = `mutation RejectCase($input: RejectCaseInput!) { rejectCase(input: $input) { ${RESULT} } }`;
export const APPEAL_RATING = `mutation AppealRating($input: CaseReasonInput!) { appealRating(input: $input) { ${RESULT} } }`;

/** Every GraphQL document this module sends (validated against the schema by documents.test.ts). */
/** Every active tenant a case may be transferred to, by name (the public directory). */
export const TRANSFER_TARGETS = `query TransferTargets($search: String) { publicDirectory(search: $search) { id name kind district { name } } }`;

export const documents: string[] = [
  TRANSFER_TARGETS,
  CASE_TRANSITIONS,
  REVEAL_REQUESTER_FIELD,
  CASE_CHECKLIST,
  START_CASE,
  ASSIGN_CASE,
  REASSIGN_CASE,
  TRANSFER_CASE,
  ACCEPT_TRANSFER,
  REJECT_TRANSFER,
  WITHDRAW_TRANSFER,
  EXTEND_DEADLINE,
  REQUEST_MATERIALS,
  RECEIVE_MATERIALS,
  RESOLVE_CASE,
  REPLY_TO_REQUESTER,
  ADD_CASE_NOTE,
  POST_FEEDBACK,
  REOPEN_CASE,
  REJECT_CASE,
  APPEAL_RATING,
];
