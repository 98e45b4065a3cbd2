export const COMMENT_SORT_VALUES = ['newest', 'oldest', 'top'] as const;
