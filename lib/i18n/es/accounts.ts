import type { AccountUi, ProfileUi, UnsubscribeUi } from '../en/accounts';

// Spanish strings of the reader's account pages (see ../en/accounts.ts).

export const accountUi: AccountUi = {
  signOut: 'Cerrar sesión',
  defaultName: 'Lector',
  signIn: {
    title: 'Iniciar sesión',
    signedInAs: 'Has iniciado sesión como {name}.',
    continue: 'Continuar',
  },
  signInForm: {
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Iniciar sesión',
    pending: 'Iniciando sesión…',
    newHere: '¿Todavía no tienes cuenta?',
    createAccount: 'Crea una cuenta',
    forgotPassword: '¿Olvidaste tu contraseña?',
    resend: { noEmail: '¿No te llegó el correo?', send: 'Enviar un enlace nuevo', sending: 'Enviando…' },
  },
  signUp: {
    title: 'Crear una cuenta',
    passwordHint: (min) => `Al menos ${min} caracteres; que no sea una contraseña común.`,
  },
  signUpForm: {
    name: 'Nombre',
    nameHint: 'Se muestra junto a tus comentarios.',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Crear cuenta',
    pending: 'Creando tu cuenta…',
    haveAccount: '¿Ya tienes una cuenta?',
    signIn: 'Inicia sesión',
  },
  oauth: {
    signInWith: (provider) => `Iniciar sesión con ${provider}`,
    opening: (provider) => `Abriendo ${provider}…`,
    orEmail: 'o con tu correo electrónico',
  },
  checkEmail: {
    title: 'Revisa tu correo',
    sentTo: 'Te enviamos un enlace a {email}.',
    sentToEntered: 'Te enviamos un enlace a la dirección de correo que escribiste.',
    openWithin: 'Ábrelo en las próximas 24 horas para confirmar tu dirección y terminar de crear tu cuenta.',
    alreadyHint:
      'Si esta dirección ya tiene una cuenta, el correo te explica cómo iniciar sesión. ¿No te llegó nada? Revisa la carpeta de spam o {signUpAgain}.',
    signUpAgain: 'regístrate de nuevo',
  },
  confirm: {
    title: 'Confirma tu correo electrónico',
    intro: 'Confirma {email} para terminar de crear tu cuenta como {name}.',
    signIn: 'Iniciar sesión',
    signUpAgain: 'Registrarme de nuevo',
    home: 'Inicio',
  },
  confirmForm: { submit: 'Confirmar e iniciar sesión', pending: 'Confirmando…' },
  linkProblems: {
    invalid: {
      title: 'Este enlace no es válido',
      text: 'El enlace está incompleto o lo reemplazó un correo más reciente. Abre el enlace del último correo o vuelve a registrarte con el mismo correo para recibir uno nuevo.',
    },
    expired: {
      title: 'Este enlace caducó',
      text: 'Los enlaces de confirmación sirven durante 24 horas. Vuelve a registrarte con el mismo correo para recibir uno nuevo.',
    },
    confirmed: {
      title: 'Correo ya confirmado',
      text: 'Esta dirección de correo ya está confirmada. Inicia sesión para continuar.',
    },
  },
};

export const profileUi: ProfileUi = {
  title: 'Tu perfil',
  nameHeading: 'Nombre',
  adminLink: 'Administración: escribir y publicar',
  commentsHeading: 'Tus comentarios',
  noComments: 'Todavía no has comentado.',
  commentOn: 'En {post}',
  statusNote: { HELD: 'pendiente de moderación', HIDDEN: 'oculto por un moderador' },
  form: { name: 'Nombre visible', hint: 'Se muestra junto a tus comentarios.', save: 'Guardar', saving: 'Guardando…' },
  sessionsHeading: 'Dispositivos con sesión iniciada',
  sessionsHint: '¿Perdiste un dispositivo o iniciaste sesión en un equipo público? Esto cierra a la vez todas las sesiones de tu cuenta, también esta.',
  signOutEverywhere: 'Cerrar sesión en todas partes',
  signedOutEverywhere: 'Has cerrado sesión en todos tus dispositivos. Vuelve a iniciar sesión aquí.',
};

export const unsubscribeUi: UnsubscribeUi = {
  title: 'Dejar de recibir avisos de respuestas',
  doneTitle: 'Suscripción cancelada',
  doneText: 'Ya no recibirás correos con respuestas a tus comentarios.',
  invalidTitle: 'Este enlace para darte de baja no es válido',
  invalidText:
    'El enlace está incompleto o se modificó, así que no se desactivó nada. Vuelve a abrir el enlace «Dejar de recibir avisos de respuestas» del correo y cópialo completo.',
  askTitle: '¿Dejar de recibir avisos de respuestas?',
  askText: 'Ya no recibirás un correo cuando alguien responda a uno de tus comentarios.',
  submit: 'Dejar de recibir avisos de respuestas',
};
