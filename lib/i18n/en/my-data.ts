import { formatWait } from '../format';

// English strings of "Your data" on /profile: the download and the account deletion
// (lib/dal/my-data.ts, lib/dal/account-deletion.ts).

export const myDataUi = {
  heading: 'Your data',
  downloadText: 'A JSON file with your account and everything you wrote or did here: comments, likes and reports.',
  download: 'Download my data',
  deleteHeading: 'Delete my account',
  deleteText: 'Your account, your likes and your reports are deleted and you are signed out everywhere. Your email address can be used for a new account.',
  keepText: 'Your comments stay on the posts, shown as written by “Deleted account”, so the conversations around them still make sense.',
  removeText: 'The text of your comments is deleted; replies by others stay in place.',
  understand: 'I understand that this cannot be undone.',
  password: 'Your password',
  email: 'Type your email address to confirm',
  submit: 'Delete my account',
  pending: 'Deleting…',
  deletedTitle: 'Your account was deleted',
  deletedText: 'You are signed out. Thank you for reading and writing here.',
};

export const accountDeletionMessages = {
  signIn: 'Sign in to delete your account.',
  checkFields: 'Check the highlighted fields.',
  confirmRequired: 'Tick the box to confirm.',
  wrongPassword: 'That password is not right.',
  wrongEmail: 'That is not the email address of your account.',
  tooMany: (seconds: number) => `Too many attempts. Try again in ${formatWait(seconds, 'en')}.`,
  ownsContent: 'Your account wrote posts, revisions or uploaded images. Ask an admin to give them to another author or delete them first.',
  lastAdmin: 'You are the last admin: make someone else an admin before you delete your account.',
  downloadSignIn: 'Sign in to download your data.',
  downloadTooMany: (seconds: number) => `Too many downloads. Try again in ${formatWait(seconds, 'en')}.`,
};

export type MyDataUi = typeof myDataUi;
export type AccountDeletionMessages = typeof accountDeletionMessages;
