import { z } from 'zod';
import { USER_ROLES } from '../../../schema/db/tenancy.js';
import { passwordProblem, usernameProblem } from '../../domain/auth/password-policy.js';
import { normaliseMobile } from '../../domain/identity/phone.js';
import { requiredText } from '../validation.js';

export const usernameSchema = z.string().trim().superRefine((u, c) => {
  const problem = usernameProblem(u);
  if (problem) c.addIssue({ code: 'custom', message: problem });
});

export const passwordSchema = z.string().superRefine((p, c) => {
  const problem = passwordProblem(p);
  if (problem) c.addIssue({ code: 'custom', message: problem });
});

export const rolesSchema = z
  .array(z.enum(USER_ROLES, { message: 'is not a role' }))
  .min(1, 'at least one role')
  .transform((roles) => [...new Set(roles)].sort());

/** Mainland mobile, normalised (+86, spaces); empty clears. */
export const mobileSchema = z
  .string()
  .transform((s, c) => {
    if (s.trim() === '') return null;
    const m = normaliseMobile(s);
    if (!m) {
      c.addIssue({ code: 'custom', message: 'must be a mainland mobile number' });
      return z.NEVER;
    }
    return m;
  })
  .nullish();

export const displayNameSchema = requiredText(100);
