import type { Messages, ValidationMessages } from '../en/messages';
import { formatNumber, formatWait } from '../format';

// Spanish answers of the server (see ../en/messages.ts).

const wait = (seconds: number) => formatWait(seconds, 'es');

export const messages: Messages = {
  checkFields: 'Revisa los campos marcados.',
  busy: (seconds) => `El servidor está ocupado en este momento. Vuelve a intentarlo en ${wait(seconds)}.`,
  auth: {
    badCredentials:
      'Ese correo y esa contraseña no coinciden con ninguna cuenta. ¿Olvidaste tu contraseña, o tu cuenta se trajo aquí desde otro sitio (todavía no tiene contraseña)? Usa «¿Olvidaste tu contraseña?» para elegir una.',
    tooManySignIns: (seconds) => `Demasiados intentos fallidos de iniciar sesión. Vuelve a intentarlo en ${wait(seconds)}.`,
    confirmFirst: (address) => `Primero confirma tu correo: abre el enlace que te enviamos a ${address}.`,
    weakPassword: 'Elige una contraseña más segura.',
    tooManySignUps: (seconds) => `Demasiadas cuentas nuevas desde tu red. Vuelve a intentarlo en ${wait(seconds)}.`,
    emailUnavailable: 'No se puede crear una cuenta con este correo. Si es tuyo, inicia sesión.',
    emailUnavailableField: 'Usa otro correo o inicia sesión.',
    resendExpired: 'Esa solicitud caducó. Vuelve a iniciar sesión para recibir un enlace nuevo.',
    alreadyConfirmed: 'Tu dirección de correo ya está confirmada: inicia sesión.',
    tooManyLinks: (seconds) => `Ya te enviamos varios enlaces. Vuelve a intentarlo en ${wait(seconds)}.`,
    linkSent: (address) => `Te enviamos un enlace nuevo a ${address}. Ábrelo en las próximas 24 horas.`,
    providerErrors: {
      OAuthAccountNotLinked: 'Ya existe una cuenta con este correo. Inicia sesión con tu contraseña.',
      OAuthSignin: 'No se pudo empezar a iniciar sesión con ese proveedor. Inténtalo de nuevo.',
      OAuthCallback: 'No se completó el inicio de sesión con ese proveedor. Inténtalo de nuevo.',
      AccessDenied: 'Se rechazó ese inicio de sesión.',
      Configuration: 'El inicio de sesión con ese proveedor no está bien configurado.',
      SessionRequired: 'Inicia sesión para ver esa página.',
      fallback: 'No se pudo iniciar sesión. Inténtalo de nuevo.',
    },
  },
  password: {
    tooShort: (min) => `Usa al menos ${min} caracteres.`,
    tooLong: (max) => `Usa como máximo ${max} caracteres.`,
    common: 'Esta contraseña es una de las más comunes. Elige otra.',
    containsEmail: 'No uses tu dirección de correo en la contraseña.',
    fewCharacters: 'Usa más caracteres distintos.',
  },
  profile: {
    signIn: 'Inicia sesión para cambiar tu perfil.',
    checkName: 'Revisa tu nombre.',
    tooManyChanges: (seconds) => `Demasiados cambios. Vuelve a intentarlo en ${wait(seconds)}.`,
    saved: 'Guardado.',
  },
  comments: {
    signIn: 'Inicia sesión para comentar.',
    banned: 'Tu cuenta ya no puede escribir comentarios.',
    checkComment: 'Revisa tu comentario.',
    checkForm: 'Revisa el formulario.',
    closed: 'Esta publicación no admite comentarios.',
    tooFast: (seconds) => `Estás comentando demasiado rápido. Vuelve a intentarlo en ${wait(seconds)}.`,
    tooManyLinks: (max) => `Un comentario puede tener como máximo ${max} enlaces.`,
    removeLinks: 'Quita algunos enlaces.',
    tooManyLikes: (seconds) => `Demasiados «Me gusta» seguidos. Vuelve a intentarlo en ${wait(seconds)}.`,
    tooManyReports: (seconds) => `Demasiadas denuncias. Vuelve a intentarlo en ${wait(seconds)}.`,
  },
  postLikes: {
    signIn: 'Inicia sesión para indicar que te gustan las publicaciones.',
    banned: 'Tu cuenta ya no puede dar «Me gusta».',
    checkForm: 'No se pudo leer este «Me gusta». Vuelve a cargar la página e inténtalo de nuevo.',
    gone: 'No se puede dar «Me gusta» a esta publicación: no está publicada.',
    tooManyLikes: (seconds) => `Demasiados «Me gusta» seguidos. Vuelve a intentarlo en ${wait(seconds)}.`,
  },
  api: {
    crossSite: 'No se aceptan solicitudes desde otros sitios.',
    tooLarge: 'El cuerpo de la solicitud es demasiado grande.',
    sendJson: 'Envía JSON: {"postId": "…", "body": "…"}.',
  },
};

export const validation: ValidationMessages = {
  emailTooLong: 'Esa dirección de correo es demasiado larga.',
  emailInvalid: 'Escribe una dirección de correo válida.',
  nameRequired: 'Escribe un nombre.',
  nameTooLong: (max) => `Usa como máximo ${max} caracteres.`,
  nameCharacters: "Usa solo letras, números, espacios y . , ' _ -",
  passwordRequired: 'Escribe tu contraseña.',
  passwordTooLong: 'Esa contraseña es demasiado larga.',
  commentRequired: 'Escribe un comentario.',
  commentTooLong: (max) => `Escribe menos de ${formatNumber(max, 'es')} caracteres.`,
  reasonTooLong: (max) => `Escribe el motivo en menos de ${max} caracteres.`,
  invalidId: 'El identificador no es válido.',
  unstorable: 'Contiene caracteres que no se pueden guardar (un NUL, o medio emoji): quítalos y vuelve a intentarlo.',
};
