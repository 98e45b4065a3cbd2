// English strings of the reader's account pages: sign-in, sign-up, the confirmation
// pages, the profile and the unsubscribe page. The `…Form` sections go to client
// components as props, so they hold plain strings only; "{name}" marks where a page puts
// an element (components/ui/rich-text.tsx).

export const accountUi = {
  signOut: 'Sign out',
  /** The display name of an account that has none yet (it names the account on confirmation). */
  defaultName: 'Reader',
  signIn: {
    title: 'Sign in',
    signedInAs: 'You are signed in as {name}.',
    continue: 'Continue',
  },
  signInForm: {
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    pending: 'Signing in…',
    newHere: 'New here?',
    createAccount: 'Create an account',
    forgotPassword: 'Forgot your password?',
    resend: { noEmail: 'No email?', send: 'Send a new link', sending: 'Sending…' },
  },
  signUp: {
    title: 'Create an account',
    passwordHint: (min: number) => `At least ${min} characters; not a common password.`,
  },
  signUpForm: {
    name: 'Name',
    nameHint: 'Shown beside your comments.',
    email: 'Email',
    password: 'Password',
    submit: 'Create account',
    pending: 'Creating your account…',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
  },
  oauth: {
    signInWith: (provider: string) => `Sign in with ${provider}`,
    opening: (provider: string) => `Opening ${provider}…`,
    orEmail: 'or with your email',
  },
  checkEmail: {
    title: 'Check your email',
    sentTo: 'We sent a link to {email}.',
    sentToEntered: 'We sent a link to the email address you entered.',
    openWithin: 'Open it within 24 hours to confirm your address and finish creating your account.',
    alreadyHint: 'If this address already has an account, the email says how to sign in. Nothing there? Check your spam folder, or {signUpAgain}.',
    signUpAgain: 'sign up again',
  },
  confirm: {
    title: 'Confirm your email',
    intro: 'Confirm {email} to finish creating your account as {name}.',
    signIn: 'Sign in',
    signUpAgain: 'Sign up again',
    home: 'Home',
  },
  confirmForm: { submit: 'Confirm and sign in', pending: 'Confirming…' },
  /** What the confirmation page and its form say about a link that does not work (lib/auth/sign-up.ts LinkProblem). */
  linkProblems: {
    invalid: {
      title: 'This link is not valid',
      text: 'The link is incomplete, or a newer email replaced it. Open the link in the latest email, or sign up again with the same email to get a new one.',
    },
    expired: {
      title: 'This link has expired',
      text: 'Confirmation links work for 24 hours. Sign up again with the same email to get a new one.',
    },
    confirmed: {
      title: 'Email already confirmed',
      text: 'This email address is already confirmed. Sign in to continue.',
    },
  },
};

export const profileUi = {
  title: 'Your profile',
  nameHeading: 'Name',
  adminLink: 'Admin area: write and publish',
  commentsHeading: 'Your comments',
  noComments: 'You have not commented yet.',
  commentOn: 'On {post}',
  statusNote: { HELD: 'awaiting moderation', HIDDEN: 'hidden by a moderator' },
  form: { name: 'Display name', hint: 'Shown beside your comments.', save: 'Save', saving: 'Saving…' },
  sessionsHeading: 'Signed-in devices',
  sessionsHint: 'Lost a device or signed in somewhere public? This ends every session of your account at once, this one too.',
  signOutEverywhere: 'Sign out everywhere',
  signedOutEverywhere: 'You are signed out on every device. Sign in again here.',
};

export const unsubscribeUi = {
  title: 'Stop reply emails',
  doneTitle: 'Unsubscribed',
  doneText: 'You will no longer get reply emails.',
  invalidTitle: 'This unsubscribe link is not valid',
  invalidText:
    'The link is incomplete or has been changed, so nothing was turned off. Open the “Stop reply emails” link from the email again, copying all of it.',
  askTitle: 'Stop reply emails?',
  askText: 'You will no longer get an email when someone replies to one of your comments.',
  submit: 'Stop reply emails',
};

export type AccountUi = typeof accountUi;
export type ProfileUi = typeof profileUi;
export type UnsubscribeUi = typeof unsubscribeUi;
