import { becomeViewer, login } from '../../usecases/auth/login.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { createLoaders } from '../loaders.js';
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
        // The signed-in user is the viewer from here on (becomeViewer), so this reads as them.
        resolve: async (p, _a, ctx) => {
          const user = await ctx.loaders.userById.load(p.userId);
          if (!user) throw new Error('signed-in user not visible to themselves');
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
    resolve: async (_r, { input }, ctx) => {
      const result = await login(commandOf(ctx), ctx.services.tokens, input);
      const viewer = await becomeViewer(commandOf(ctx), result.userId, result.tenantId);
      ctx.viewer = { ...viewer, tokenExpiresAt: result.expiresAt };
      ctx.loaders = createLoaders(ctx.tx, ctx.viewer);
      ctx.record.userId = viewer.userId;
      ctx.record.tenantId = viewer.tenantId;
      return result;
    },
  }),
}));
