import type { Messages } from "./en";

export const es: Messages = {
  languageName: "Español",
  languageSwitcher: "Idioma",
  form: {
    chooseHeading: "¿Qué te gustaría recibir por WhatsApp?",
    chooseHint: "Elige cada tipo por separado. No hay nada marcado de antemano.",
    forExample: "Por ejemplo:",
    phoneLabel: "Tu número de WhatsApp",
    phoneHint: "Los números que empiezan por + usan su propio código de país.",
    countryLabel: "País",
    nameLabel: "Tu nombre",
    optional: "(opcional)",
    submitting: "Registrándote…",
    chooseToContinue: "Elige al menos un tipo de mensaje para registrarte.",
  },
  errors: {
    phone: {
      required: "Escribe un número de teléfono.",
      not_a_number: "Esto no parece un número de teléfono.",
      invalid_country: "Añade el código de país (por ejemplo +34) o elige el país.",
      too_short: "Este número de teléfono es demasiado corto.",
      too_long: "Este número de teléfono es demasiado largo.",
      invalid_length: "Este número de teléfono no tiene la cantidad correcta de dígitos.",
      invalid_for_country: "Este número no es válido para su país.",
      not_mobile: "Es un número fijo o de servicio; WhatsApp necesita un número móvil.",
    },
    checkFields: "Revisa los campos marcados.",
    chooseCategory: "Elige al menos un tipo de mensaje.",
    chooseCountry: "Elige un país.",
    nameTooLong: "Usa como máximo 200 caracteres para tu nombre.",
    reload: "Esta página está desactualizada. Vuelve a cargarla e inténtalo de nuevo.",
    notRecorded: "Tu registro no se guardó. Vuelve a completar el formulario.",
    formGone: "Este formulario de registro ya no está disponible.",
    tooManyFromNetwork: "Demasiados intentos desde esta red. Espera unos minutos e inténtalo de nuevo.",
    throttledTitle: "Espera un momento",
    backToForm: "Volver al formulario de registro",
    tooManyForNumber: "Este número se registró varias veces hace poco. Inténtalo de nuevo dentro de una hora.",
    refused: "No pudimos aceptar este registro.",
    unexpected: "Algo falló de nuestro lado. No se guardó nada; inténtalo de nuevo.",
  },
  page: {
    messagesFrom: (legalName, number) =>
      number
        ? `Los mensajes los enviará ${legalName} por WhatsApp desde el ${number}. La frecuencia depende de los tipos que elijas.`
        : `Los mensajes los envía ${legalName} por WhatsApp. La frecuencia depende de los tipos que elijas.`,
    privacyPolicy: "Lee la política de privacidad",
  },
  receipt: {
    title: "Tu registro en WhatsApp",
    heading: "Ya estás registrado",
    numberLabel: "Número de WhatsApp",
    numberErased: "(borrado)",
    notYours: "¿No es tu número? Detén estos mensajes con tu enlace personal de abajo y vuelve a registrarte con el número correcto.",
    agreed: (when, business) => `El ${when} (UTC), este número aceptó recibir estos mensajes de ${business} por WhatsApp:`,
    fromNumber: (business, number) => `Los mensajes llegan de ${business} por WhatsApp desde el ${number}.`,
    howOften: (frequency) => `Frecuencia: ${frequency}`,
    localTime: "En tu hora:",
    confirmHeading: "Un último paso: confirma en WhatsApp",
    confirmText: (business) => `Envía el mensaje preparado a ${business} por WhatsApp para que sepan que este número es realmente tuyo.`,
    confirmButton: "Confirmar en WhatsApp",
    confirmMessage: (business, code) => `Confirmo mi registro en ${business}. Código: ${code}`,
    preferencesHeading: "Puedes cambiar de opinión cuando quieras",
    preferencesText:
      "Usa tu enlace personal para dejar de recibir algunos o todos estos mensajes. No lo compartas: quien lo tenga puede cambiar tus preferencias.",
    preferencesLink: "Gestionar mis mensajes de WhatsApp",
    recordLabel: "Registro",
    keepAddress: "Guarda la dirección de esta página como comprobante.",
    erased:
      "Los datos de esta persona se borraron a petición suya. Se dio de baja de todos los tipos de mensajes, el número ya no se guarda y este comprobante ya no sirve para confirmar el registro ni para cambiar preferencias.",
  },
  preferences: {
    title: "Tus mensajes de WhatsApp",
    heading: (business) => `Tus mensajes de WhatsApp de ${business}`,
    intro: (phone) => `Preferencias del número ${phone}. Los cambios se aplican al instante.`,
    state: { opted_in: "Los recibes", opted_out: "Detenidos", never: "No registrado" },
    stop: "Dejar de recibir estos mensajes",
    resume: "Volver a recibir estos mensajes",
    subscribe: "Recibir estos mensajes",
    resumeSentence: "Al elegir esto aceptas:",
    noWording: "Para volver a registrarte en estos mensajes, usa la página de registro de la empresa.",
    stopAllHeading: "Detener todo",
    stopAll: (business) => `Dejar de recibir todos los mensajes de ${business}`,
    stopAllText: "Un solo paso: todos los tipos de mensajes se detienen a la vez.",
    nothingToStop: "No recibes ningún mensaje de esta empresa.",
    saved: "Guardado. Tus preferencias están al día.",
    savedStopped: "Guardado. Esos mensajes se han detenido.",
    stale: "Esta página estaba desactualizada. Estas son tus preferencias actuales; inténtalo de nuevo.",
    tooMany: "Demasiados cambios en poco tiempo. Espera unos minutos e inténtalo de nuevo.",
    invalid: "Esa opción no está disponible. Estas son tus preferencias actuales.",
    howToStop: (business, number) =>
      number
        ? `También puedes responder STOP a ${business} en WhatsApp, al ${number}, en cualquier momento.`
        : `También puedes responder STOP a ${business} en WhatsApp en cualquier momento.`,
  },
  whatsapp: {
    stoppedAll: (business: string) => `Ya no recibirás más mensajes de ${business} por WhatsApp.`,
    stoppedOne: (kind: string, business: string) => `Ya no recibirás mensajes de "${kind}" de ${business} por WhatsApp.`,
    help: (business: string, stopWords: string, example: string, join: string | null) =>
      `${business}: responde ${stopWords} para dejar de recibir todos los mensajes, o la palabra y un tipo de mensaje (por ejemplo, ${example}) para dejar solo ese tipo.${join ? ` Responde ${join} para suscribirte.` : ""}`,
  },
  sms: {
    stoppedAll: (business: string) => `${business}: te has dado de baja y no recibirás más mensajes. Responde START para volver a suscribirte.`,
    stoppedOne: (kind: string, business: string) => `${business}: ya no recibirás mensajes de "${kind}".`,
    resumed: (business: string) => `${business}: vuelves a estar suscrito a lo que habías detenido por SMS. Responde STOP para dejarlo.`,
    nothingToResume: (business: string) => `${business}: no hay nada que reanudar. Responde AYUDA para obtener ayuda.`,
  },
  inbound: {
    choiceRecorded: (kinds: string, business: string) => `${business}: recibirás mensajes de ${kinds} por WhatsApp. Envía BAJA cuando quieras para dejarlo.`,
    choiceUnknown: (business: string, join: string | null) =>
      `${business}: esa opción ya no se ofrece, así que no se ha registrado nada.${join ? ` Envía ${join} para ver las opciones actuales.` : ""}`,
    unclearStop: (business: string, word: string, example: string) =>
      `${business}: todavía no se ha cambiado nada. Para dejar de recibir todos los mensajes, envía solo ${word}. Para dejar un tipo, envía ${word} y su nombre, por ejemplo ${example}.`,
  },
  notFound: {
    title: "Página no encontrada",
    heading: "Esta página no está disponible",
    formText: "Esta página de registro no existe o ya no está publicada. Revisa la dirección o pide a la empresa un enlace nuevo.",
    preferencesText: "Este enlace no funciona: puede que esté mal escrito o que se haya sustituido por uno más reciente.",
    retiredLinkHeading: "Este enlace ya no funciona",
    preferencesReplacedText: (business: string) =>
      `Se sustituyó por uno más reciente: cada vez que te registras con ${business} o pides un enlace nuevo, el anterior deja de funcionar. Abre el enlace de tu recibo o mensaje más reciente de ${business}.`,
    preferencesErasedText: (business: string) =>
      `${business} borró tus datos a petición tuya, así que este enlace ya no abre nada. Para volver a recibir sus mensajes, regístrate de nuevo en su formulario.`,
    stopText: "Para dejar de recibir mensajes, responde STOP a la empresa en tu chat de WhatsApp con ella. Funciona en cualquier momento.",
    receiptText: "Este comprobante no existe. Revisa la dirección que guardaste.",
    keywordHeading: "Regístrate enviando un mensaje",
    keywordSms: (b: string, k: string, n: string) =>
      `${b} no registra a nadie en esta página. Para registrarte, envía ${k} por SMS al ${n}. La respuesta te dice a qué te apuntas y cómo darte de baja.`,
    keywordWhatsApp: (b: string, k: string, n: string) =>
      `${b} no registra a nadie en esta página. Para registrarte, envía ${k} al ${n} por WhatsApp. La respuesta te dice a qué te apuntas y cómo darte de baja.`,
    keywordNoNumber: (b: string, k: string) =>
      `${b} no registra a nadie en esta página. Para registrarte, envía ${k} al número que aparece donde encontraste esta dirección.`,
    keywordCallSms: (k: string, n: string) => `Envía ${k} por SMS al ${n}`,
    keywordCallWhatsApp: (k: string, n: string) => `Envía ${k} por WhatsApp al ${n}`,
    keywordOpenSms: "Escribir el SMS",
    keywordOpenWhatsApp: "Abrir WhatsApp",
  },
};
