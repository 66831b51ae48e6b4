/**
 * Major-incident reporting (重大情况报告, Art. 19; DESIGN.md "Incidents"): outsiders storming the
 * office, serious disorder, large gatherings, threats of extreme action. A report goes up the whole
 * chain of tenants at once; each level acknowledges for itself; a level that has not acknowledged in
 * time is escalated to the next level up.
 */
import { z } from 'zod';

export const INCIDENT_CATEGORIES = ['OFFICE_DISRUPTION', 'SERIOUS_DISORDER', 'MASS_GATHERING', 'THREAT_OF_EXTREME_ACTION', 'OTHER'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** China's emergency levels, I the most severe (特别重大, 重大, 较大, 一般). */
export const SEVERITIES = ['I', 'II', 'III', 'IV'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABEL: Record<Severity, string> = { I: 'Ⅰ级（特别重大）', II: 'Ⅱ级（重大）', III: 'Ⅲ级（较大）', IV: 'Ⅳ级（一般）' };

export const INCIDENT_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Minutes a level has to acknowledge, by severity, until its tenant sets its own. */
export const DEFAULT_ACK_MINUTES: Record<Severity, number> = { I: 5, II: 10, III: 15, IV: 30 };

export const AckMinutesSchema = z.object({
  I: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1440, 'must be at most 1440'),
  II: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1440, 'must be at most 1440'),
  III: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1440, 'must be at most 1440'),
  IV: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1440, 'must be at most 1440'),
});

/** When a level must have acknowledged an incident reported (or escalated to it) at `from`. */
export function ackDueAt(from: Date, severity: Severity, minutes: Record<Severity, number> = DEFAULT_ACK_MINUTES): Date {
  return new Date(from.getTime() + minutes[severity] * 60_000);
}

export interface IncidentLevel {
  tenantId: string;
  /** 1 for the reporting tenant's parent, up to the root. */
  depth: number;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
}

/**
 * The levels to escalate at `now`: unacknowledged, past their due time, not escalated yet, and with
 * a level above them to escalate to (the root has none: it stays overdue in its own queue).
 */
export function levelsToEscalate(levels: readonly IncidentLevel[], now: Date): IncidentLevel[] {
  const maxDepth = Math.max(0, ...levels.map((l) => l.depth));
  return levels.filter((l) => !l.acknowledgedAt && !l.escalatedAt && l.ackDueAt <= now && l.depth < maxDepth);
}
