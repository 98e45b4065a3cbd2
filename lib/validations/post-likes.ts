import { z } from 'zod';
import { perLanguage } from './localized';
import { idSchema } from './ids.mjs';

// The post like form (components/post/post-like-form.tsx) and its server action. `like` is
// the state the reader asks for ("1": like, "0": take the like back), not a toggle.
export const postLikeSchema = perLanguage((v) =>
  z.object({
    postId: idSchema(v.invalidId),
    like: z.enum(['0', '1'], { error: v.invalidId }).transform((value) => value === '1'),
  }),
);

/** The flash key of the post like form: a refused plain form post comes back beside the heart. */
export const POST_LIKE_FORM_KEY = 'post-like';
