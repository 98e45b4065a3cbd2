import type { ErrorPageStrings } from '../en/error-page';

// As lib/i18n/en/error-page.ts.
export const errorPage: ErrorPageStrings = {
  errorTitle: 'Algo salió mal',
  errorText: 'No se pudo cargar esta página. Inténtalo de nuevo.',
  retry: 'Reintentar',
};
