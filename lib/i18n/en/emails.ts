// English emails: the sign-up confirmation, the note to an address that already has an
// account, and the reply notification. For the HTML part the mail code escapes every value
// before it goes into these sentences (lib/mail/html.ts).

export const emails = {
  greeting: (name: string | null) => (name ? `Hi ${name},` : 'Hi,'),
  confirmation: {
    subject: (site: string) => `Confirm your email address for ${site}`,
    intro: (site: string) => `Confirm your email address to finish creating your account on ${site}:`,
    button: 'Confirm your email address',
    validFor: (hours: number) => `The link is valid for ${hours} hours.`,
    ignore: 'If you did not sign up, ignore this email.',
  },
  signUpAttempt: {
    subject: (site: string) => `Your account on ${site}`,
    intro: (site: string) => `Someone tried to create an account on ${site} with this email address, which already has an account.`,
    signInText: (url: string) => `If it was you, sign in instead: ${url}`,
    signInHtml: (link: string) => `If it was you, ${link} instead.`,
    signInLink: 'sign in',
    ignore: 'If it was not you, ignore this email: nothing has changed.',
  },
  passwordReset: {
    resetSubject: (site: string) => `Set a new password for ${site}`,
    resetIntro: (site: string) => `Someone (we hope you) asked to set a new password for your account on ${site}. Open this link to choose it:`,
    resetButton: 'Choose a new password',
    claimSubject: (site: string) => `Your account on ${site} is waiting for you`,
    claimIntro: (site: string) =>
      `${site} has an account for this email address, made when your posts or comments were moved here from another site. It has no password yet. Open this link to choose one and sign in:`,
    claimButton: 'Choose your password',
    validFor: (minutes: number) => `The link works once, for ${minutes} minutes. Using it signs you out everywhere else.`,
    ignore: 'If you did not ask for this, ignore this email: nothing changes until the link is used.',
  },
  reply: {
    subject: (title: string) => `New reply to your comment on "${title}"`,
    repliedText: (replier: string, title: string) => `${replier} replied to your comment on "${title}":`,
    repliedHtml: (replier: string, title: string) => `${replier} replied to your comment on “${title}”:`,
    readReply: 'Read the reply',
    why: 'You get this email because someone replied to your comment.',
    stop: 'Stop reply emails',
    someone: 'Someone',
  },
};

export type Emails = typeof emails;
