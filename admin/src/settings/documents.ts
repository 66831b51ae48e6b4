/** Every GraphQL document the settings pages send (validated against the schema by documents.test.ts). */

const COMMITMENT = `fragment CommitmentRow on Commitment { id kind title body metric target published sortOrder version }`;

export const COMMITMENTS = `query Commitments { commitments { ...CommitmentRow } }
${COMMITMENT}`;
export const CREATE_COMMITMENT = `mutation CreateCommitment($input: CreateCommitmentInput!) { createCommitment(input: $input) { ...CommitmentRow } }
${COMMITMENT}`;
export const UPDATE_COMMITMENT = `mutation UpdateCommitment($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { ...CommitmentRow } }
${COMMITMENT}`;

const PHRASE = `fragment PhraseRow on Phrase { id kind text note active version tenant { id name } }`;

/** The viewer's own list (every state) and what applies to it (its own and its ancestors', active). */
export const PHRASES = `query Phrases($tenantId: ID!) {
  own: phrases(tenantId: $tenantId) { ...PhraseRow }
  effective: phrases(effective: true) { ...PhraseRow }
}
${PHRASE}`;
export const CREATE_PHRASE = `mutation CreatePhrase($input: CreatePhraseInput!) { createPhrase(input: $input) { ...PhraseRow } }
${PHRASE}`;
export const UPDATE_PHRASE = `mutation UpdatePhrase($input: UpdatePhraseInput!) { updatePhrase(input: $input) { ...PhraseRow } }
${PHRASE}`;
const YEAR = `fragment HolidayYearRow on HolidayYear { year version source updatedAt makeupWorkdays off { name from to } }`;

export const CALENDAR = `query Calendar { holidayYears { ...HolidayYearRow } tenantClosures { id date reason } missingHolidayYears(count: 2) }
${YEAR}`;
export const MISSING_YEARS = `query MissingHolidayYears { missingHolidayYears(count: 2) }`;
export const SET_HOLIDAY_ARRANGEMENT = `mutation SetHolidayArrangement($input: SetHolidayArrangementInput!) { setHolidayArrangement(input: $input) { ...HolidayYearRow } }
${YEAR}`;
export const ADD_CLOSURE = `mutation AddTenantClosure($input: AddTenantClosureInput!) { addTenantClosure(input: $input) { id date reason } }`;
export const REMOVE_CLOSURE = `mutation RemoveTenantClosure($id: ID!) { removeTenantClosure(id: $id) { id } }`;

const API_KEY = `fragment ApiKeyRow on ApiKey { id name prefix active createdAt lastUsedAt revokedAt createdBy { id displayName } }`;

export const API_KEYS = `query ApiKeys { apiKeys { ...ApiKeyRow } }
${API_KEY}`;
export const CREATE_API_KEY = `mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } } }
${API_KEY}`;
export const REVOKE_API_KEY = `mutation RevokeApiKey($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { ...ApiKeyRow } }
${API_KEY}`;

export const CASE_SETTINGS = `query CaseSettings { caseSettings { settings version } responseTimeDefaults { hotlineAnswerSeconds chatAnswerSeconds messageReplyMinutes } }`;
export const SET_CASE_SETTINGS = `mutation SetCaseSettings($input: SetCaseSettingsInput!) { setCaseSettings(input: $input) { settings version } }`;

export const documents: string[] = [
  COMMITMENTS,
  CREATE_COMMITMENT,
  UPDATE_COMMITMENT,
  PHRASES,
  CREATE_PHRASE,
  UPDATE_PHRASE,
  CALENDAR,
  MISSING_YEARS,
  SET_HOLIDAY_ARRANGEMENT,
  ADD_CLOSURE,
  REMOVE_CLOSURE,
  API_KEYS,
  CREATE_API_KEY,
  REVOKE_API_KEY,
  CASE_SETTINGS,
  SET_CASE_SETTINGS,
];
