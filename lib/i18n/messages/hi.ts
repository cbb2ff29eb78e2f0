import type { Messages } from "./en";

export const hi: Messages = {
  languageName: "हिन्दी",
  languageSwitcher: "भाषा",
  form: {
    chooseHeading: "आप WhatsApp पर क्या पाना चाहेंगे?",
    chooseHint: "हर प्रकार अलग से चुनें। आपके लिए पहले से कुछ नहीं चुना गया है।",
    forExample: "उदाहरण के लिए:",
    phoneLabel: "आपका WhatsApp नंबर",
    phoneHint: "+ से शुरू होने वाले नंबर अपने देश कोड का उपयोग करते हैं।",
    countryLabel: "देश",
    nameLabel: "आपका नाम",
    optional: "(वैकल्पिक)",
    submitting: "साइन अप हो रहा है…",
    chooseToContinue: "साइन अप करने के लिए कम से कम एक प्रकार का संदेश चुनें।",
  },
  errors: {
    phone: {
      required: "फ़ोन नंबर दर्ज करें।",
      not_a_number: "यह फ़ोन नंबर जैसा नहीं लगता।",
      invalid_country: "देश कोड जोड़ें (जैसे +91), या देश चुनें।",
      too_short: "यह फ़ोन नंबर बहुत छोटा है।",
      too_long: "यह फ़ोन नंबर बहुत लंबा है।",
      invalid_length: "इस फ़ोन नंबर में अंकों की संख्या सही नहीं है।",
      invalid_for_country: "यह नंबर अपने देश के लिए मान्य नहीं है।",
      not_mobile: "यह लैंडलाइन या सेवा नंबर है; WhatsApp के लिए मोबाइल नंबर चाहिए।",
    },
    checkFields: "कृपया चिह्नित फ़ील्ड जाँचें।",
    chooseCategory: "कम से कम एक प्रकार का संदेश चुनें।",
    chooseCountry: "देश चुनें।",
    nameTooLong: "नाम में अधिकतम 200 अक्षर लिखें।",
    reload: "यह पेज पुराना हो गया है। कृपया इसे फिर से लोड करके दोबारा कोशिश करें।",
    notRecorded: "आपका साइन-अप दर्ज नहीं हुआ। कृपया फ़ॉर्म फिर से भरें।",
    formGone: "यह साइन-अप फ़ॉर्म अब उपलब्ध नहीं है।",
    tooManyFromNetwork: "इस नेटवर्क से बहुत अधिक प्रयास हुए। कुछ मिनट रुककर फिर कोशिश करें।",
    throttledTitle: "कृपया थोड़ा रुकें",
    backToForm: "साइन-अप फ़ॉर्म पर वापस जाएँ",
    tooManyForNumber: "यह नंबर अभी-अभी कई बार साइन अप हुआ है। एक घंटे बाद फिर कोशिश करें।",
    refused: "हम यह साइन-अप स्वीकार नहीं कर सके।",
    unexpected: "हमारी ओर से कुछ गड़बड़ हुई। कुछ भी सहेजा नहीं गया; कृपया फिर कोशिश करें।",
  },
  page: {
    messagesFrom: (legalName, number) =>
      number
        ? `संदेश WhatsApp पर ${legalName} की ओर से ${number} से आएँगे। कितनी बार आएँगे, यह आपके चुने प्रकारों पर निर्भर है।`
        : `संदेश WhatsApp पर ${legalName} की ओर से आते हैं। कितनी बार आएँगे, यह आपके चुने प्रकारों पर निर्भर है।`,
    privacyPolicy: "गोपनीयता नीति पढ़ें",
  },
  receipt: {
    title: "आपका WhatsApp साइन-अप",
    heading: "आपने साइन अप कर लिया है",
    numberLabel: "WhatsApp नंबर",
    numberErased: "(मिटाया गया)",
    notYours: "यह आपका नंबर नहीं है? नीचे दिए अपने निजी लिंक से ये संदेश बंद करें, फिर सही नंबर से दोबारा साइन अप करें।",
    agreed: (when, business) => `${when} (UTC), इस नंबर ने WhatsApp पर ${business} से ये संदेश पाने की सहमति दी:`,
    fromNumber: (business, number) => `संदेश WhatsApp पर ${business} की ओर से ${number} से आते हैं।`,
    howOften: (frequency) => `कितनी बार: ${frequency}`,
    localTime: "आपके समय के अनुसार:",
    confirmHeading: "एक आख़िरी कदम: WhatsApp पर पुष्टि करें",
    confirmText: (business) => `तैयार संदेश WhatsApp पर ${business} को भेजें, ताकि उन्हें पता चले कि यह नंबर सचमुच आपका है।`,
    confirmButton: "WhatsApp पर पुष्टि करें",
    confirmMessage: (business, code) => `${business} पर मेरे साइन-अप की पुष्टि। कोड: ${code}`,
    preferencesHeading: "जब चाहें, अपना फ़ैसला बदलें",
    preferencesText: "इनमें से कुछ या सभी संदेश बंद करने के लिए अपने निजी लिंक का उपयोग करें। इसे किसी से साझा न करें: जिसके पास यह लिंक है, वह आपकी पसंद बदल सकता है।",
    preferencesLink: "मेरे WhatsApp संदेश प्रबंधित करें",
    recordLabel: "रिकॉर्ड",
    keepAddress: "इस पेज का पता अपनी रसीद के रूप में सँभालकर रखें।",
    erased:
      "इस व्यक्ति के अनुरोध पर उनका विवरण मिटा दिया गया है। उन्हें हर तरह के संदेशों से हटा दिया गया है, नंबर अब रखा नहीं जाता, और इस रसीद से अब न साइन-अप की पुष्टि हो सकती है न कोई पसंद बदली जा सकती है।",
  },
  preferences: {
    title: "आपके WhatsApp संदेश",
    heading: (business) => `${business} से आपके WhatsApp संदेश`,
    intro: (phone) => `नंबर ${phone} के लिए पसंद। बदलाव तुरंत लागू होते हैं।`,
    state: { opted_in: "आपको मिलते हैं", opted_out: "बंद", never: "साइन अप नहीं" },
    stop: "ये संदेश बंद करें",
    resume: "ये संदेश फिर से पाएँ",
    subscribe: "ये संदेश पाएँ",
    resumeSentence: "इसे चुनकर आप सहमति देते हैं:",
    noWording: "ये संदेश फिर से पाने के लिए व्यवसाय के साइन-अप पेज का उपयोग करें।",
    stopAllHeading: "सब कुछ बंद करें",
    stopAll: (business) => `${business} के सभी संदेश बंद करें`,
    stopAllText: "एक ही कदम: हर प्रकार के संदेश एक साथ बंद हो जाते हैं।",
    nothingToStop: "आपको इस व्यवसाय से कोई संदेश नहीं मिल रहा है।",
    saved: "सहेजा गया। आपकी पसंद अपडेट है।",
    savedStopped: "सहेजा गया। वे संदेश बंद हो गए हैं।",
    stale: "यह पेज पुराना था। ये आपकी मौजूदा पसंद हैं; कृपया फिर कोशिश करें।",
    tooMany: "अभी बहुत सारे बदलाव हुए। कुछ मिनट रुककर फिर कोशिश करें।",
    invalid: "यह विकल्प उपलब्ध नहीं है। ये आपकी मौजूदा पसंद हैं।",
    howToStop: (business, number) =>
      number ? `आप कभी भी WhatsApp पर ${business} को ${number} पर STOP लिखकर भी भेज सकते हैं।` : `आप कभी भी WhatsApp पर ${business} को STOP लिखकर भी भेज सकते हैं।`,
  },
  whatsapp: {
    stoppedAll: (business: string) => `अब आपको WhatsApp पर ${business} से कोई संदेश नहीं मिलेगा।`,
    stoppedOne: (kind: string, business: string) => `अब आपको WhatsApp पर ${business} से "${kind}" संदेश नहीं मिलेंगे।`,
    help: (business: string, stopWords: string, example: string, join: string | null) =>
      `${business}: सभी संदेश रोकने के लिए ${stopWords} भेजें, या केवल एक प्रकार के संदेश रोकने के लिए वह शब्द और संदेश का प्रकार भेजें (जैसे ${example})।${join ? ` साइन अप करने के लिए ${join} भेजें।` : ""}`,
  },
  sms: {
    stoppedAll: (business: string) => `${business}: आपकी सदस्यता समाप्त हो गई है, अब आपको कोई संदेश नहीं मिलेगा। फिर से सदस्यता के लिए START भेजें।`,
    stoppedOne: (kind: string, business: string) => `${business}: अब आपको "${kind}" संदेश नहीं मिलेंगे।`,
    resumed: (business: string) => `${business}: SMS से रोकी गई सदस्यता फिर से शुरू हो गई है। रोकने के लिए STOP भेजें।`,
    nothingToResume: (business: string) => `${business}: फिर से शुरू करने के लिए कुछ नहीं है। सहायता के लिए मदद भेजें।`,
  },
  inbound: {
    choiceRecorded: (kinds: string, business: string) => `${business}: आपको WhatsApp पर ${kinds} संदेश मिलेंगे। रोकने के लिए कभी भी रोकें भेजें।`,
    choiceUnknown: (business: string, join: string | null) =>
      `${business}: यह विकल्प अब उपलब्ध नहीं है, इसलिए कुछ दर्ज नहीं किया गया।${join ? ` मौजूदा विकल्प देखने के लिए ${join} भेजें।` : ""}`,
    unclearStop: (business: string, word: string, example: string) =>
      `${business}: अभी कुछ नहीं बदला गया है। सभी संदेश रोकने के लिए केवल ${word} भेजें। एक प्रकार के संदेश रोकने के लिए ${word} और उसका नाम भेजें, जैसे ${example}।`,
  },
  notFound: {
    title: "पेज नहीं मिला",
    heading: "यह पेज उपलब्ध नहीं है",
    formText: "यह साइन-अप पेज मौजूद नहीं है या अब प्रकाशित नहीं है। पता जाँचें, या व्यवसाय से नया लिंक माँगें।",
    preferencesText: "यह लिंक काम नहीं करता: शायद यह गलत लिखा गया है, या इसकी जगह नया लिंक आ गया है।",
    retiredLinkHeading: "यह लिंक अब काम नहीं करता",
    preferencesReplacedText: (business: string) =>
      `इसकी जगह नया लिंक आ गया है: जब भी आप ${business} के साथ साइन अप करते हैं या नया लिंक माँगते हैं, पुराना लिंक काम करना बंद कर देता है। ${business} की सबसे हाल की रसीद या संदेश में दिया गया लिंक खोलें।`,
    preferencesErasedText: (business: string) =>
      `आपके अनुरोध पर ${business} ने आपकी जानकारी मिटा दी है, इसलिए यह लिंक अब कुछ नहीं खोलता। उनके संदेश फिर से पाने के लिए, उनके फ़ॉर्म पर दोबारा साइन अप करें।`,
    stopText: "संदेश बंद करने के लिए, WhatsApp पर व्यवसाय के साथ अपनी चैट में STOP लिखकर भेजें। यह कभी भी काम करता है।",
    receiptText: "यह रसीद मौजूद नहीं है। आपने जो पता सहेजा था, उसे जाँचें।",
    keywordHeading: "संदेश भेजकर साइन अप करें",
    keywordSms: (b: string, k: string, n: string) =>
      `${b} इस पेज पर साइन अप नहीं करता। साइन अप करने के लिए ${n} पर SMS में ${k} भेजें। जवाब में बताया जाता है कि आप किस बात पर सहमत हो रहे हैं और कैसे रोकें।`,
    keywordWhatsApp: (b: string, k: string, n: string) =>
      `${b} इस पेज पर साइन अप नहीं करता। साइन अप करने के लिए WhatsApp पर ${n} को ${k} भेजें। जवाब में बताया जाता है कि आप किस बात पर सहमत हो रहे हैं और कैसे रोकें।`,
    keywordNoNumber: (b: string, k: string) => `${b} इस पेज पर साइन अप नहीं करता। साइन अप करने के लिए ${k} उस नंबर पर भेजें जो वहाँ दिखाया गया है जहाँ आपको यह पता मिला।`,
    keywordOpenSms: "SMS लिखें",
    keywordOpenWhatsApp: "WhatsApp खोलें",
  },
};
