import type { AccountDeletionMessages, MyDataUi } from '../en/my-data';
import { formatWait } from '../format';

// Spanish strings of "Tus datos" on /profile (see ../en/my-data.ts).

export const myDataUi: MyDataUi = {
  heading: 'Tus datos',
  downloadText: 'Un archivo JSON con tu cuenta y todo lo que escribiste o hiciste aquí: comentarios, «me gusta» y denuncias.',
  download: 'Descargar mis datos',
  deleteHeading: 'Eliminar mi cuenta',
  deleteText: 'Se eliminan tu cuenta, tus «me gusta» y tus denuncias, y se cierra tu sesión en todas partes. Tu correo podrá usarse para una cuenta nueva.',
  keepText: 'Tus comentarios se quedan en las entradas, como escritos por «Cuenta eliminada», para que las conversaciones sigan teniendo sentido.',
  removeText: 'Se borra el texto de tus comentarios; las respuestas de otras personas se quedan en su sitio.',
  understand: 'Entiendo que no se puede deshacer.',
  password: 'Tu contraseña',
  email: 'Escribe tu correo electrónico para confirmar',
  submit: 'Eliminar mi cuenta',
  pending: 'Eliminando…',
  deletedTitle: 'Tu cuenta se ha eliminado',
  deletedText: 'Has cerrado sesión. Gracias por leer y escribir aquí.',
};

export const accountDeletionMessages: AccountDeletionMessages = {
  signIn: 'Inicia sesión para eliminar tu cuenta.',
  checkFields: 'Revisa los campos marcados.',
  confirmRequired: 'Marca la casilla para confirmar.',
  wrongPassword: 'Esa contraseña no es correcta.',
  wrongEmail: 'Ese no es el correo de tu cuenta.',
  tooMany: (seconds) => `Demasiados intentos. Vuelve a intentarlo en ${formatWait(seconds, 'es')}.`,
  ownsContent: 'Tu cuenta escribió entradas, revisiones o subió imágenes. Pide a un administrador que se las asigne a otro autor o que las borre antes.',
  lastAdmin: 'Eres el último administrador: haz administrador a otra persona antes de eliminar tu cuenta.',
  downloadSignIn: 'Inicia sesión para descargar tus datos.',
  downloadTooMany: (seconds) => `Demasiadas descargas. Vuelve a intentarlo en ${formatWait(seconds, 'es')}.`,
};
