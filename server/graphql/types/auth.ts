import { badInput } from '../../domain/shared/errors.js';
import { login } from '../../usecases/auth/login.js';
import { builder } from '../builder.js';
import { User } from './user.js';

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({ username: t.string(), password: t.string() }),
});

const LoginPayload = builder
  .objectRef<{ token: string; expiresAt: Date; userId: string }>('LoginPayload')
  .implement({
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`.' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      viewer: t.field({
        type: User,
        // Read as the owner: sign-in runs outside any tenant transaction (see plugins.ts).
        resolve: async (p, _a, ctx) => {
          const user = await ctx.services.database.db.query.users.findFirst({ where: { id: p.userId } });
          if (!user) throw new Error('signed-in user vanished');
          return user;
        },
      }),
    }),
  });

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    description:
      'Signs in. Unknown usernames and wrong passwords get the same error; repeated failures lock the username for a while.',
    args: { input: t.arg({ type: LoginInput }) },
    resolve: (_r, { input }, ctx) => {
      // Combined with other fields the operation would run in the caller's (anonymous) tenant
      // transaction, where the owner connection must not be used.
      if (ctx.tx) throw badInput({ input: 'send login as a mutation of its own' });
      return login({ db: ctx.services.database.db, tokens: ctx.services.tokens, config: ctx.config, now: ctx.now }, input);
    },
  }),
}));
