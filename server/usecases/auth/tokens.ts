import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../../config.js';
import { unauthenticated } from '../../domain/shared/errors.js';

/** One algorithm, fixed: tokens with any other `alg` (including `none`) are refused. */
const ALG = 'HS256';

export interface TokenClaims {
  userId: string;
  tenantId: string;
  tokenVersion: number;
  expiresAt: Date;
}

export class TokenService {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly jwt: Config['jwt'],
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A keyed hash for other purposes (e.g. a tracking secret a retry must get back), never the signing key itself. */
  derive(purpose: string, input: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${input}`).digest('base64url');
  }

  async sign(claims: Omit<TokenClaims, 'expiresAt'>, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.jwt.ttlSeconds;
    const token = await new SignJWT({ tid: claims.tenantId, ver: claims.tokenVersion })
      .setProtectedHeader({ alg: ALG, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.jwt.issuer)
      .setAudience(this.jwt.audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies signature, algorithm, issuer, audience and expiry. Every failure is the same error. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALG],
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const { sub, tid, ver, exp } = payload as { sub?: unknown; tid?: unknown; ver?: unknown; exp?: number };
      if (typeof sub !== 'string' || typeof tid !== 'string' || typeof ver !== 'number' || typeof exp !== 'number') {
        throw unauthenticated('invalid token');
      }
      return { userId: sub, tenantId: tid, tokenVersion: ver, expiresAt: new Date(exp * 1000) };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw unauthenticated('token expired; sign in again');
      throw unauthenticated('invalid token');
    }
  }
}

/** `Authorization: Bearer <token>` (HTTP) or the same string in connectionParams (WebSocket). */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
