/**
 * The printed forms' own words (field labels, instructions): everything on the paper that is not the form
 * version's wording. Languages without an entry print in English beside the version's wording.
 */
export type PrintLabels = {
  scanToSignUp: string;
  orVisit: string;
  chooseHeading: string;
  /** A keyword poster's heading over the categories: nothing is chosen on it, the keyword signs up to them. */
  youGet: { sms: string; whatsapp: string };
  howOften: string;
  forExample: string;
  howToStop: string;
  privacy: string;
  phone: string;
  phoneHint: string;
  name: string;
  tickInstruction: (business: string) => string;
  signature: string;
  date: string;
  staffOnly: string;
  recordedBy: string;
  recordedOn: string;
  formVersion: string;
  wordingDigest: string;
  page: (n: number, of: number) => string;
};

const en: PrintLabels = {
  scanToSignUp: "Scan with your phone’s camera to sign up",
  orVisit: "or visit",
  chooseHeading: "Choose what you want to get on WhatsApp",
  youGet: { sms: "What you get by text message", whatsapp: "What you get on WhatsApp" },
  howOften: "How often",
  forExample: "For example",
  howToStop: "How to stop",
  privacy: "Privacy policy",
  phone: "WhatsApp phone number (with country code)",
  phoneHint: "For example +1 201 555 0123",
  name: "Name (optional)",
  tickInstruction: (business) => `Tick each kind of message you want to get from ${business} on WhatsApp. Leave a box empty for messages you do not want.`,
  signature: "Signature",
  date: "Date",
  staffOnly: "For staff",
  recordedBy: "Recorded by",
  recordedOn: "Recorded on",
  formVersion: "Form version",
  wordingDigest: "Wording SHA-256",
  page: (n, of) => `Page ${n} of ${of}`,
};

const es: PrintLabels = {
  scanToSignUp: "Escanee con la cámara del teléfono para suscribirse",
  orVisit: "o visite",
  chooseHeading: "Elija qué quiere recibir por WhatsApp",
  youGet: { sms: "Lo que recibirá por SMS", whatsapp: "Lo que recibirá por WhatsApp" },
  howOften: "Frecuencia",
  forExample: "Por ejemplo",
  howToStop: "Cómo darse de baja",
  privacy: "Política de privacidad",
  phone: "Número de WhatsApp (con código de país)",
  phoneHint: "Por ejemplo +34 612 345 678",
  name: "Nombre (opcional)",
  tickInstruction: (business) =>
    `Marque cada tipo de mensaje que quiera recibir de ${business} por WhatsApp. Deje vacía la casilla de los mensajes que no quiera.`,
  signature: "Firma",
  date: "Fecha",
  staffOnly: "Para el personal",
  recordedBy: "Registrado por",
  recordedOn: "Registrado el",
  formVersion: "Versión del formulario",
  wordingDigest: "SHA-256 del texto",
  page: (n, of) => `Página ${n} de ${of}`,
};

const ptBR: PrintLabels = {
  scanToSignUp: "Aponte a câmera do celular para se inscrever",
  orVisit: "ou acesse",
  chooseHeading: "Escolha o que quer receber no WhatsApp",
  youGet: { sms: "O que você vai receber por SMS", whatsapp: "O que você vai receber no WhatsApp" },
  howOften: "Frequência",
  forExample: "Por exemplo",
  howToStop: "Como cancelar",
  privacy: "Política de privacidade",
  phone: "Número de WhatsApp (com código do país)",
  phoneHint: "Por exemplo +55 11 91234 5678",
  name: "Nome (opcional)",
  tickInstruction: (business) => `Marque cada tipo de mensagem que quer receber de ${business} no WhatsApp. Deixe em branco as que não quer.`,
  signature: "Assinatura",
  date: "Data",
  staffOnly: "Para a equipe",
  recordedBy: "Registrado por",
  recordedOn: "Registrado em",
  formVersion: "Versão do formulário",
  wordingDigest: "SHA-256 do texto",
  page: (n, of) => `Página ${n} de ${of}`,
};

const id: PrintLabels = {
  scanToSignUp: "Pindai dengan kamera ponsel untuk mendaftar",
  orVisit: "atau kunjungi",
  chooseHeading: "Pilih pesan WhatsApp yang ingin Anda terima",
  youGet: { sms: "Pesan SMS yang akan Anda terima", whatsapp: "Pesan WhatsApp yang akan Anda terima" },
  howOften: "Seberapa sering",
  forExample: "Contoh",
  howToStop: "Cara berhenti",
  privacy: "Kebijakan privasi",
  phone: "Nomor WhatsApp (dengan kode negara)",
  phoneHint: "Contoh +62 812 3456 7890",
  name: "Nama (opsional)",
  tickInstruction: (business) =>
    `Centang setiap jenis pesan yang ingin Anda terima dari ${business} di WhatsApp. Biarkan kosong untuk pesan yang tidak Anda inginkan.`,
  signature: "Tanda tangan",
  date: "Tanggal",
  staffOnly: "Untuk staf",
  recordedBy: "Dicatat oleh",
  recordedOn: "Dicatat pada",
  formVersion: "Versi formulir",
  wordingDigest: "SHA-256 teks",
  page: (n, of) => `Halaman ${n} dari ${of}`,
};

const hi: PrintLabels = {
  scanToSignUp: "साइन अप करने के लिए अपने फ़ोन के कैमरे से स्कैन करें",
  orVisit: "या यहाँ जाएँ",
  chooseHeading: "आप WhatsApp पर क्या पाना चाहेंगे?",
  youGet: { sms: "आपको SMS पर क्या मिलेगा", whatsapp: "आपको WhatsApp पर क्या मिलेगा" },
  howOften: "कितनी बार",
  forExample: "उदाहरण के लिए",
  howToStop: "संदेश कैसे बंद करें",
  privacy: "गोपनीयता नीति",
  phone: "WhatsApp फ़ोन नंबर (देश कोड के साथ)",
  phoneHint: "जैसे +91 98765 43210",
  name: "नाम (वैकल्पिक)",
  tickInstruction: (business) =>
    `हर उस प्रकार के संदेश पर सही का निशान लगाएँ जो आप WhatsApp पर ${business} से पाना चाहते हैं। जो संदेश आप नहीं चाहते, उनका बॉक्स खाली छोड़ दें।`,
  signature: "हस्ताक्षर",
  date: "तारीख़",
  staffOnly: "कर्मचारियों के लिए",
  recordedBy: "दर्ज करने वाले",
  recordedOn: "दर्ज करने की तारीख़",
  formVersion: "फ़ॉर्म संस्करण",
  wordingDigest: "पाठ का SHA-256",
  page: (n, of) => `पृष्ठ ${n} / ${of}`,
};

const byLanguage: Record<string, PrintLabels> = { en, es, pt: ptBR, "pt-BR": ptBR, id, hi };

export function printLabels(language: string): PrintLabels {
  return byLanguage[language] ?? byLanguage[language.split("-")[0]!] ?? en;
}
