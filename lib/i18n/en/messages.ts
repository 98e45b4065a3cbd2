import { formatNumber, formatWait } from '../format';

// English answers of the server: refusals and errors of the server actions, the comment
// service and the JSON API (`messages`), and the field errors of the zod schemas
// (`validation`, see lib/validations/localized.ts). Limits come in as seconds.

const wait = (seconds: number) => formatWait(seconds, 'en');

export const messages = {
  checkFields: 'Check the highlighted fields.',
  /** Password hashing is at its limit (lib/auth/password.ts): nothing was done. */
  busy: (seconds: number) => `The server is busy right now. Try again in ${wait(seconds)}.`,
  auth: {
    badCredentials:
      'That email and password do not match an account. Forgot your password, or was your account moved here from another site (it has no password yet)? Use “Forgot your password?” to choose one.',
    tooManySignIns: (seconds: number) => `Too many failed sign-ins. Try again in ${wait(seconds)}.`,
    confirmFirst: (address: string) => `Confirm your email first: open the link we sent to ${address}.`,
    weakPassword: 'Choose a stronger password.',
    tooManySignUps: (seconds: number) => `Too many new accounts from your network. Try again in ${wait(seconds)}.`,
    emailUnavailable: 'This email cannot be used to create an account. If it is yours, sign in instead.',
    emailUnavailableField: 'Use another email, or sign in.',
    resendExpired: 'That request has expired. Sign in again to get a new link.',
    alreadyConfirmed: 'Your email address is already confirmed: sign in.',
    tooManyLinks: (seconds: number) => `We have sent several links already. Try again in ${wait(seconds)}.`,
    linkSent: (address: string) => `We sent a new link to ${address}. Open it within 24 hours.`,
    /** next-auth's ?error= codes on the sign-in page (lib/auth/callback.ts). */
    providerErrors: {
      OAuthAccountNotLinked: 'An account with this email already exists. Sign in with your password.',
      OAuthSignin: 'Could not start signing in with that provider. Try again.',
      OAuthCallback: 'Signing in with that provider did not finish. Try again.',
      AccessDenied: 'That sign-in was refused.',
      Configuration: 'Sign-in with that provider is not configured correctly.',
      SessionRequired: 'Sign in to see that page.',
      fallback: 'Signing in did not work. Try again.',
    },
  },
  /** Why a new password is refused (lib/auth/password.ts PasswordProblem). */
  password: {
    tooShort: (min: number) => `Use at least ${min} characters.`,
    tooLong: (max: number) => `Use at most ${max} characters.`,
    common: 'This password is one of the most common ones. Choose another.',
    containsEmail: 'Do not use your email address in your password.',
    fewCharacters: 'Use more different characters.',
  },
  profile: {
    signIn: 'Sign in to change your profile.',
    checkName: 'Check your name.',
    tooManyChanges: (seconds: number) => `Too many changes. Try again in ${wait(seconds)}.`,
    saved: 'Saved.',
  },
  comments: {
    signIn: 'Sign in to comment.',
    banned: 'Your account can no longer write comments.',
    checkComment: 'Check your comment.',
    checkForm: 'Check the form.',
    closed: 'This post does not take comments.',
    tooFast: (seconds: number) => `You are commenting too fast. Try again in ${wait(seconds)}.`,
    tooManyLinks: (max: number) => `A comment can have at most ${max} links.`,
    removeLinks: 'Remove some links.',
    tooManyLikes: (seconds: number) => `Too many likes at once. Try again in ${wait(seconds)}.`,
    tooManyReports: (seconds: number) => `Too many reports. Try again in ${wait(seconds)}.`,
  },
  /** The post like form (lib/posts/likes.ts). */
  postLikes: {
    signIn: 'Sign in to like posts.',
    banned: 'Your account can no longer like posts.',
    checkForm: 'This like could not be read. Reload the page and try again.',
    gone: 'This post cannot be liked: it is not published.',
    tooManyLikes: (seconds: number) => `Too many likes at once. Try again in ${wait(seconds)}.`,
  },
  /** POST /api/comments, before the comment service. */
  api: {
    crossSite: 'Cross-site requests are not accepted.',
    tooLarge: 'Request body too large.',
    sendJson: 'Send JSON: {"postId": "…", "body": "…"}.',
  },
};

export const validation = {
  emailTooLong: 'That email address is too long.',
  emailInvalid: 'Enter a valid email address.',
  nameRequired: 'Enter a name.',
  nameTooLong: (max: number) => `Use at most ${max} characters.`,
  nameCharacters: "Use letters, numbers, spaces and . , ' _ - only.",
  passwordRequired: 'Enter your password.',
  passwordTooLong: 'That password is too long.',
  commentRequired: 'Write a comment.',
  commentTooLong: (max: number) => `Keep it under ${formatNumber(max, 'en')} characters.`,
  reasonTooLong: (max: number) => `Keep the reason under ${max} characters.`,
  invalidId: 'Not a valid id.',
  unstorable: 'This contains characters that cannot be stored (a NUL, or half of an emoji): remove them and try again.',
};

export type Messages = typeof messages;
export type ValidationMessages = typeof validation;
