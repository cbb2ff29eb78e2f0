import type { Messages } from "./en";

export const ptBR: Messages = {
  languageName: "Português (Brasil)",
  languageSwitcher: "Idioma",
  form: {
    chooseHeading: "O que você gostaria de receber no WhatsApp?",
    chooseHint: "Escolha cada tipo separadamente. Nada vem marcado.",
    forExample: "Por exemplo:",
    phoneLabel: "Seu número de WhatsApp",
    phoneHint: "Números que começam com + usam o próprio código do país.",
    countryLabel: "País",
    nameLabel: "Seu nome",
    optional: "(opcional)",
    submitting: "Cadastrando…",
    chooseToContinue: "Escolha pelo menos um tipo de mensagem para se cadastrar.",
  },
  errors: {
    phone: {
      required: "Digite um número de telefone.",
      not_a_number: "Isso não parece um número de telefone.",
      invalid_country: "Inclua o código do país (por exemplo +55) ou escolha o país.",
      too_short: "Este número de telefone é curto demais.",
      too_long: "Este número de telefone é longo demais.",
      invalid_length: "Este número de telefone não tem a quantidade certa de dígitos.",
      invalid_for_country: "Este número não é válido para o país dele.",
      not_mobile: "Este é um número fixo ou de serviço; o WhatsApp precisa de um celular.",
    },
    checkFields: "Confira os campos destacados.",
    chooseCategory: "Escolha pelo menos um tipo de mensagem.",
    chooseCountry: "Escolha um país.",
    nameTooLong: "Use no máximo 200 caracteres no nome.",
    reload: "Esta página está desatualizada. Recarregue e tente de novo.",
    notRecorded: "Seu cadastro não foi registrado. Preencha o formulário de novo.",
    formGone: "Este formulário de cadastro não está mais disponível.",
    tooManyFromNetwork: "Muitas tentativas desta rede. Aguarde alguns minutos e tente de novo.",
    throttledTitle: "Aguarde um momento",
    backToForm: "Voltar ao formulário de inscrição",
    tooManyForNumber: "Este número foi cadastrado várias vezes agora há pouco. Tente de novo daqui a uma hora.",
    refused: "Não foi possível aceitar este cadastro.",
    unexpected: "Algo deu errado do nosso lado. Nada foi salvo; tente de novo.",
  },
  page: {
    messagesFrom: (legalName, number) =>
      number
        ? `As mensagens serão enviadas por ${legalName} no WhatsApp pelo número ${number}. A frequência depende dos tipos que você escolher.`
        : `As mensagens são enviadas por ${legalName} no WhatsApp. A frequência depende dos tipos que você escolher.`,
    privacyPolicy: "Leia a política de privacidade",
  },
  receipt: {
    title: "Seu cadastro no WhatsApp",
    heading: "Cadastro feito",
    numberLabel: "Número de WhatsApp",
    numberErased: "(apagado)",
    notYours: "Não é o seu número? Pare estas mensagens com o seu link pessoal abaixo e cadastre-se de novo com o número certo.",
    agreed: (when, business) => `Em ${when} (UTC), este número concordou em receber estas mensagens de ${business} no WhatsApp:`,
    fromNumber: (business, number) => `As mensagens vêm de ${business} no WhatsApp pelo número ${number}.`,
    howOften: (frequency) => `Frequência: ${frequency}`,
    localTime: "No seu horário:",
    confirmHeading: "Falta um passo: confirme no WhatsApp",
    confirmText: (business) => `Envie a mensagem pronta para ${business} no WhatsApp, para confirmar que este número é mesmo seu.`,
    confirmButton: "Confirmar no WhatsApp",
    confirmMessage: (business, code) => `Confirmo meu cadastro na ${business}. Código: ${code}`,
    preferencesHeading: "Mude de ideia quando quiser",
    preferencesText:
      "Use seu link pessoal para parar de receber algumas ou todas estas mensagens. Não compartilhe: quem tiver o link pode mudar suas escolhas.",
    preferencesLink: "Gerenciar minhas mensagens do WhatsApp",
    recordLabel: "Registro",
    keepAddress: "Guarde o endereço desta página como comprovante.",
    erased:
      "Os dados desta pessoa foram apagados a pedido dela. A pessoa foi descadastrada de todos os tipos de mensagem, o número não é mais guardado, e este comprovante não serve mais para confirmar a inscrição nem para mudar escolhas.",
  },
  preferences: {
    title: "Suas mensagens do WhatsApp",
    heading: (business) => `Suas mensagens de ${business} no WhatsApp`,
    intro: (phone) => `Escolhas do número ${phone}. As mudanças valem na hora.`,
    state: { opted_in: "Você recebe", opted_out: "Interrompidas", never: "Sem cadastro" },
    stop: "Parar estas mensagens",
    resume: "Voltar a receber estas mensagens",
    subscribe: "Receber estas mensagens",
    resumeSentence: "Ao escolher isto, você concorda:",
    noWording: "Para voltar a receber estas mensagens, use a página de cadastro da empresa.",
    stopAllHeading: "Parar tudo",
    stopAll: (business) => `Parar todas as mensagens de ${business}`,
    stopAllText: "Um só passo: todos os tipos de mensagem param de uma vez.",
    nothingToStop: "Você não recebe nenhuma mensagem desta empresa.",
    saved: "Salvo. Suas escolhas estão atualizadas.",
    savedStopped: "Salvo. Essas mensagens foram interrompidas.",
    stale: "Esta página estava desatualizada. Estas são suas escolhas atuais; tente de novo.",
    tooMany: "Muitas mudanças em pouco tempo. Aguarde alguns minutos e tente de novo.",
    invalid: "Essa opção não está disponível. Estas são suas escolhas atuais.",
    howToStop: (business, number) =>
      number
        ? `Você também pode responder STOP para ${business} no WhatsApp, no número ${number}, a qualquer momento.`
        : `Você também pode responder STOP para ${business} no WhatsApp a qualquer momento.`,
  },
  whatsapp: {
    stoppedAll: (business: string) => `Você não vai mais receber mensagens da ${business} pelo WhatsApp.`,
    stoppedOne: (kind: string, business: string) => `Você não vai mais receber mensagens de "${kind}" da ${business} pelo WhatsApp.`,
    help: (business: string, stopWords: string, example: string, join: string | null) =>
      `${business}: responda ${stopWords} para parar todas as mensagens, ou a palavra e um tipo de mensagem (por exemplo, ${example}) para parar só esse tipo.${join ? ` Responda ${join} para se cadastrar.` : ""}`,
  },
  sms: {
    stoppedAll: (business: string) => `${business}: sua inscrição foi cancelada e você não receberá mais mensagens. Responda START para se inscrever de novo.`,
    stoppedOne: (kind: string, business: string) => `${business}: você não receberá mais mensagens de "${kind}".`,
    resumed: (business: string) => `${business}: você voltou a receber o que tinha parado por SMS. Responda STOP para parar.`,
    nothingToResume: (business: string) => `${business}: não há nada para retomar. Responda AJUDA para obter ajuda.`,
  },
  inbound: {
    choiceRecorded: (kinds: string, business: string) =>
      `${business}: você vai receber mensagens de ${kinds} pelo WhatsApp. Envie PARAR quando quiser para parar.`,
    choiceUnknown: (business: string, join: string | null) =>
      `${business}: essa opção não é mais oferecida, então nada foi registrado.${join ? ` Envie ${join} para ver as opções atuais.` : ""}`,
    unclearStop: (business: string, word: string, example: string) =>
      `${business}: nada foi alterado ainda. Para parar todas as mensagens, envie só ${word}. Para parar um tipo, envie ${word} e o nome dele, por exemplo ${example}.`,
  },
  notFound: {
    title: "Página não encontrada",
    heading: "Esta página não está disponível",
    formText: "Esta página de cadastro não existe ou não está mais publicada. Confira o endereço ou peça um novo link à empresa.",
    preferencesText: "Este link não funciona: pode ter sido digitado errado ou substituído por um mais novo.",
    retiredLinkHeading: "Este link não funciona mais",
    preferencesReplacedText: (business: string) =>
      `Ele foi substituído por um mais novo: cada vez que você se cadastra com ${business} ou pede um link novo, o anterior para de funcionar. Abra o link do seu comprovante ou mensagem mais recente de ${business}.`,
    preferencesErasedText: (business: string) =>
      `${business} apagou seus dados a seu pedido, então este link não abre mais nada. Para voltar a receber as mensagens, cadastre-se de novo no formulário.`,
    stopText: "Para parar de receber mensagens, responda STOP para a empresa na sua conversa do WhatsApp com ela. Funciona a qualquer momento.",
    receiptText: "Este comprovante não existe. Confira o endereço que você guardou.",
    keywordHeading: "Cadastre-se enviando uma mensagem",
    keywordSms: (b: string, k: string, n: string) =>
      `${b} não faz cadastros nesta página. Para se cadastrar, envie ${k} por SMS para ${n}. A resposta explica com o que você concorda e como parar.`,
    keywordWhatsApp: (b: string, k: string, n: string) =>
      `${b} não faz cadastros nesta página. Para se cadastrar, envie ${k} para ${n} no WhatsApp. A resposta explica com o que você concorda e como parar.`,
    keywordNoNumber: (b: string, k: string) =>
      `${b} não faz cadastros nesta página. Para se cadastrar, envie ${k} para o número mostrado onde você encontrou este endereço.`,
    keywordCallSms: (k: string, n: string) => `Envie ${k} por SMS para ${n}`,
    keywordCallWhatsApp: (k: string, n: string) => `Envie ${k} no WhatsApp para ${n}`,
    keywordOpenSms: "Escrever o SMS",
    keywordOpenWhatsApp: "Abrir o WhatsApp",
  },
};
