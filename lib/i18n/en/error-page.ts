// The error boundary's words, in a file of their own: app/(site)/error.tsx runs in the
// browser, and importing them from here (lib/i18n/error-page.ts) sends it these three
// strings instead of every language's whole dictionary. Spread into the dictionary (index.ts).
export const errorPage = {
  errorTitle: 'Something went wrong',
  errorText: 'This page could not be loaded. Please try again.',
  retry: 'Try again',
};

export type ErrorPageStrings = typeof errorPage;
