import { formatWait } from '../format';

// English strings of "Forgot your password?" and of the page its emailed link opens (which
// also gives an imported account its first password). The `…Form` sections go to client
// components as props, so they hold plain strings only; "{email}" marks where a page puts
// an element (components/ui/rich-text.tsx).

const wait = (seconds: number) => formatWait(seconds, 'en');

export const passwordResetUi = {
  forgot: {
    title: 'Forgot your password?',
    intro: 'Enter the email address of your account and we will send you a link to choose a new password.',
    claimHint: 'Has your account been moved here from another site? Then it has no password yet: this sets its first one.',
    noMail: 'This site cannot send email, so a password cannot be reset here. Ask the site’s administrator.',
    backToSignIn: 'Back to sign in',
  },
  forgotForm: { email: 'Email', submit: 'Send the link', pending: 'Sending…' },
  reset: {
    title: 'Choose a new password',
    claimTitle: 'Choose your password',
    intro: 'For the account of {email}. Saving it signs you in here and out everywhere else.',
    passwordHint: (min: number) => `At least ${min} characters; not a common password.`,
    requestNew: 'Send a new link',
    signIn: 'Sign in',
  },
  resetForm: { password: 'New password', submit: 'Save and sign in', pending: 'Saving…' },
  /** Why a link does not work (lib/dal/password-resets.ts ResetLinkProblem). */
  linkProblems: {
    invalid: {
      title: 'This link is not valid',
      text: 'The link is incomplete, or a newer link replaced it. Open the link in the latest email, or ask for a new one.',
    },
    expired: {
      title: 'This link has expired',
      text: 'Password links work for 60 minutes. Ask for a new one.',
    },
    used: {
      title: 'This link was already used',
      text: 'Each password link works once. If you did not use it yourself, ask for a new one now.',
    },
  },
  messages: {
    sent: (address: string) => `If ${address} has an account here, we sent it a link. Open it within 60 minutes; nothing there? Check your spam folder.`,
    tooMany: (seconds: number) => `Too many requests from your network. Try again in ${wait(seconds)}.`,
    weakPassword: 'Choose a stronger password.',
  },
};

export type PasswordResetUi = typeof passwordResetUi;
