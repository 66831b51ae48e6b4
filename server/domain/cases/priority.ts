/**
 * A case's priority (DESIGN.md "Case"): from legal urgency and protected groups only. Public
 * legal service is equal access (Art. 25) and staff may not steer people to paid services
 * (Art. 26), so nothing paid — fees, paid services, "VIP" — ever changes it: the input has no
 * field for it, and the function reads only the two fields below.
 *
 * Levels, most urgent first:
 * - EMERGENCY: legal urgency EMERGENCY (harm or a right lost within hours);
 * - URGENT: legal urgency URGENT (a limitation period or hearing close);
 * - PRIORITY: normal urgency, but the person is in a protected group (elderly, disabled, minor,
 *   migrant worker's wage claim);
 * - ROUTINE: everything else.
 * The sort key orders ascending (ORDER BY sort_key, due_at): 10 per level, and within a level one
 * step earlier per distinct protected group, so an elderly disabled person comes before an
 * elderly one at the same level.
 */
import { badInput, type FieldErrors } from '../shared/errors.js';

export const URGENCIES = ['NORMAL', 'URGENT', 'EMERGENCY'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const PROTECTED_GROUPS = ['ELDERLY', 'DISABLED', 'MINOR', 'MIGRANT_WAGE'] as const;
export type ProtectedGroup = (typeof PROTECTED_GROUPS)[number];

/** Most urgent first; the index is the level's rank. */
export const PRIORITY_LEVELS = ['EMERGENCY', 'URGENT', 'PRIORITY', 'ROUTINE'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

/** Everything priority may depend on. Deliberately nothing else. */
export interface PriorityInput {
  readonly urgency: Urgency;
  readonly protectedGroups: readonly ProtectedGroup[];
}

export interface Priority {
  level: PriorityLevel;
  /** Lower sorts first. */
  sortKey: number;
}

export function computePriority(input: PriorityInput): Priority {
  const { urgency, protectedGroups } = input;
  const problems: FieldErrors = {};
  if (!URGENCIES.includes(urgency)) problems.urgency = 'must be NORMAL, URGENT or EMERGENCY';
  protectedGroups.forEach((g, i) => {
    if (!PROTECTED_GROUPS.includes(g)) problems[`protectedGroups.${i}`] = 'must be ELDERLY, DISABLED, MINOR or MIGRANT_WAGE';
  });
  if (Object.keys(problems).length > 0) throw badInput(problems);

  const groups = new Set(protectedGroups).size;
  const level: PriorityLevel =
    urgency === 'EMERGENCY' ? 'EMERGENCY' : urgency === 'URGENT' ? 'URGENT' : groups > 0 ? 'PRIORITY' : 'ROUTINE';
  return { level, sortKey: PRIORITY_LEVELS.indexOf(level) * 10 + (PROTECTED_GROUPS.length - groups) };
}
