import type { PasswordResetUi } from '../en/password-reset';
import { formatWait } from '../format';

// Spanish strings of "¿Olvidaste tu contraseña?" (see ../en/password-reset.ts).

const wait = (seconds: number) => formatWait(seconds, 'es');

export const passwordResetUi: PasswordResetUi = {
  forgot: {
    title: '¿Olvidaste tu contraseña?',
    intro: 'Escribe la dirección de correo de tu cuenta y te enviaremos un enlace para elegir una contraseña nueva.',
    claimHint: '¿Tu cuenta se trajo aquí desde otro sitio? Entonces todavía no tiene contraseña: así eliges la primera.',
    noMail: 'Este sitio no puede enviar correos, así que aquí no se puede restablecer una contraseña. Pídeselo a quien administra el sitio.',
    backToSignIn: 'Volver a iniciar sesión',
  },
  forgotForm: { email: 'Correo electrónico', submit: 'Enviar el enlace', pending: 'Enviando…' },
  reset: {
    title: 'Elige una contraseña nueva',
    claimTitle: 'Elige tu contraseña',
    intro: 'Para la cuenta de {email}. Al guardarla inicias sesión aquí y se cierran tus demás sesiones.',
    passwordHint: (min) => `Al menos ${min} caracteres; que no sea una contraseña común.`,
    requestNew: 'Enviar un enlace nuevo',
    signIn: 'Iniciar sesión',
  },
  resetForm: { password: 'Contraseña nueva', submit: 'Guardar e iniciar sesión', pending: 'Guardando…' },
  linkProblems: {
    invalid: {
      title: 'Este enlace no es válido',
      text: 'El enlace está incompleto o uno más reciente lo reemplazó. Abre el enlace del último correo o pide uno nuevo.',
    },
    expired: {
      title: 'Este enlace caducó',
      text: 'Los enlaces de contraseña sirven durante 60 minutos. Pide uno nuevo.',
    },
    used: {
      title: 'Este enlace ya se usó',
      text: 'Cada enlace de contraseña sirve una sola vez. Si no lo usaste tú, pide uno nuevo ahora.',
    },
  },
  messages: {
    sent: (address) => `Si ${address} tiene una cuenta aquí, le enviamos un enlace. Ábrelo en los próximos 60 minutos; ¿no llegó? Revisa la carpeta de spam.`,
    tooMany: (seconds) => `Demasiadas solicitudes desde tu red. Vuelve a intentarlo en ${wait(seconds)}.`,
    weakPassword: 'Elige una contraseña más segura.',
  },
};
