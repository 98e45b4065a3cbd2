import type { SiteExportUi } from '../en/site-export';
import { formatWait } from '../format';

// Spanish strings of the site export on /admin (see ../en/site-export.ts).

export const siteExportUi: SiteExportUi = {
  heading: 'Exportar',
  text: 'Todo el sitio en un archivo (entradas, revisiones, categorías y etiquetas, usuarios sin contraseñas, comentarios, ajustes e imágenes subidas), para guardarlo como copia de seguridad o restaurarlo en un sitio vacío con npm run import.',
  download: 'Descargar el sitio',
  signIn: 'Inicia sesión como administrador para exportar el sitio.',
  adminsOnly: 'Solo los administradores pueden exportar el sitio.',
  tooMany: (seconds) => `Demasiadas exportaciones. Vuelve a intentarlo en ${formatWait(seconds, 'es')}.`,
};
