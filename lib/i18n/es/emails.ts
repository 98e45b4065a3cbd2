import type { Emails } from '../en/emails';

// Spanish emails (see ../en/emails.ts).

export const emails: Emails = {
  greeting: (name) => (name ? `Hola, ${name}:` : 'Hola:'),
  confirmation: {
    subject: (site) => `Confirma tu dirección de correo en ${site}`,
    intro: (site) => `Confirma tu dirección de correo para terminar de crear tu cuenta en ${site}:`,
    button: 'Confirmar mi dirección de correo',
    validFor: (hours) => `El enlace es válido durante ${hours} horas.`,
    ignore: 'Si no te registraste, ignora este correo.',
  },
  signUpAttempt: {
    subject: (site) => `Tu cuenta en ${site}`,
    intro: (site) => `Alguien intentó crear una cuenta en ${site} con esta dirección de correo, que ya tiene una cuenta.`,
    signInText: (url) => `Si fuiste tú, inicia sesión: ${url}`,
    signInHtml: (link) => `Si fuiste tú, ${link}.`,
    signInLink: 'inicia sesión',
    ignore: 'Si no fuiste tú, ignora este correo: no cambió nada.',
  },
  passwordReset: {
    resetSubject: (site) => `Elige una contraseña nueva para ${site}`,
    resetIntro: (site) => `Alguien (esperamos que tú) pidió una contraseña nueva para tu cuenta en ${site}. Abre este enlace para elegirla:`,
    resetButton: 'Elegir una contraseña nueva',
    claimSubject: (site) => `Tu cuenta en ${site} te está esperando`,
    claimIntro: (site) =>
      `${site} tiene una cuenta para esta dirección de correo, creada al traer aquí tus publicaciones o comentarios desde otro sitio. Todavía no tiene contraseña. Abre este enlace para elegir una e iniciar sesión:`,
    claimButton: 'Elegir mi contraseña',
    validFor: (minutes) => `El enlace sirve una sola vez, durante ${minutes} minutos. Al usarlo se cierran tus demás sesiones.`,
    ignore: 'Si no lo pediste, ignora este correo: nada cambia mientras no se use el enlace.',
  },
  reply: {
    subject: (title) => `Nueva respuesta a tu comentario en «${title}»`,
    repliedText: (replier, title) => `${replier} respondió a tu comentario en «${title}»:`,
    repliedHtml: (replier, title) => `${replier} respondió a tu comentario en «${title}»:`,
    readReply: 'Leer la respuesta',
    why: 'Recibes este correo porque alguien respondió a tu comentario.',
    stop: 'Dejar de recibir avisos de respuestas',
    someone: 'Alguien',
  },
};
