import type { Messages } from "./en";

export const id: Messages = {
  languageName: "Bahasa Indonesia",
  languageSwitcher: "Bahasa",
  form: {
    chooseHeading: "Apa yang ingin Anda terima di WhatsApp?",
    chooseHint: "Pilih setiap jenis secara terpisah. Tidak ada yang dipilihkan untuk Anda.",
    forExample: "Contoh:",
    phoneLabel: "Nomor WhatsApp Anda",
    phoneHint: "Nomor yang diawali + memakai kode negaranya sendiri.",
    countryLabel: "Negara",
    nameLabel: "Nama Anda",
    optional: "(opsional)",
    submitting: "Sedang mendaftarkan…",
    chooseToContinue: "Pilih minimal satu jenis pesan untuk mendaftar.",
  },
  errors: {
    phone: {
      required: "Masukkan nomor telepon.",
      not_a_number: "Ini tidak terlihat seperti nomor telepon.",
      invalid_country: "Tambahkan kode negara (misalnya +62), atau pilih negaranya.",
      too_short: "Nomor telepon ini terlalu pendek.",
      too_long: "Nomor telepon ini terlalu panjang.",
      invalid_length: "Jumlah digit nomor telepon ini tidak tepat.",
      invalid_for_country: "Nomor ini tidak berlaku untuk negaranya.",
      not_mobile: "Ini nomor telepon rumah atau layanan; WhatsApp memerlukan nomor ponsel.",
    },
    checkFields: "Periksa kolom yang ditandai.",
    chooseCategory: "Pilih minimal satu jenis pesan.",
    chooseCountry: "Pilih negara.",
    nameTooLong: "Gunakan paling banyak 200 karakter untuk nama Anda.",
    reload: "Halaman ini sudah usang. Muat ulang lalu coba lagi.",
    notRecorded: "Pendaftaran Anda tidak tercatat. Silakan isi formulir lagi.",
    formGone: "Formulir pendaftaran ini sudah tidak tersedia.",
    tooManyFromNetwork: "Terlalu banyak percobaan dari jaringan ini. Tunggu beberapa menit lalu coba lagi.",
    throttledTitle: "Mohon tunggu sebentar",
    backToForm: "Kembali ke formulir pendaftaran",
    tooManyForNumber: "Nomor ini baru saja didaftarkan beberapa kali. Coba lagi dalam satu jam.",
    refused: "Kami tidak dapat menerima pendaftaran ini.",
    unexpected: "Terjadi kesalahan di pihak kami. Tidak ada yang tersimpan; silakan coba lagi.",
  },
  page: {
    messagesFrom: (legalName, number) =>
      number
        ? `Pesan akan dikirim oleh ${legalName} melalui WhatsApp dari nomor ${number}. Seberapa sering tergantung jenis yang Anda pilih.`
        : `Pesan dikirim oleh ${legalName} melalui WhatsApp. Seberapa sering tergantung jenis yang Anda pilih.`,
    privacyPolicy: "Baca kebijakan privasi",
  },
  receipt: {
    title: "Pendaftaran WhatsApp Anda",
    heading: "Anda sudah terdaftar",
    numberLabel: "Nomor WhatsApp",
    numberErased: "(dihapus)",
    notYours: "Bukan nomor Anda? Hentikan pesan ini dengan tautan pribadi Anda di bawah, lalu daftar lagi dengan nomor yang benar.",
    agreed: (when, business) => `Pada ${when} (UTC), nomor ini setuju menerima pesan berikut dari ${business} melalui WhatsApp:`,
    fromNumber: (business, number) => `Pesan datang dari ${business} melalui WhatsApp dari nomor ${number}.`,
    howOften: (frequency) => `Seberapa sering: ${frequency}`,
    localTime: "Waktu Anda:",
    confirmHeading: "Satu langkah lagi: konfirmasi di WhatsApp",
    confirmText: (business) => `Kirim pesan yang sudah disiapkan ke ${business} di WhatsApp, agar mereka tahu nomor ini benar milik Anda.`,
    confirmButton: "Konfirmasi di WhatsApp",
    confirmMessage: (business, code) => `Saya mengonfirmasi pendaftaran saya di ${business}. Kode: ${code}`,
    preferencesHeading: "Ubah pilihan kapan saja",
    preferencesText:
      "Gunakan tautan pribadi Anda untuk menghentikan sebagian atau semua pesan ini. Jangan dibagikan: siapa pun yang memilikinya dapat mengubah pilihan Anda.",
    preferencesLink: "Atur pesan WhatsApp saya",
    recordLabel: "Catatan",
    keepAddress: "Simpan alamat halaman ini sebagai bukti Anda.",
    erased:
      "Data orang ini telah dihapus atas permintaannya. Ia telah berhenti berlangganan semua jenis pesan, nomornya tidak disimpan lagi, dan tanda terima ini tidak dapat lagi dipakai untuk mengonfirmasi pendaftaran atau mengubah pilihan.",
  },
  preferences: {
    title: "Pesan WhatsApp Anda",
    heading: (business) => `Pesan WhatsApp Anda dari ${business}`,
    intro: (phone) => `Pilihan untuk nomor ${phone}. Perubahan langsung berlaku.`,
    state: { opted_in: "Anda menerimanya", opted_out: "Dihentikan", never: "Belum terdaftar" },
    stop: "Hentikan pesan ini",
    resume: "Terima pesan ini lagi",
    subscribe: "Terima pesan ini",
    resumeSentence: "Dengan memilih ini Anda menyetujui:",
    noWording: "Untuk menerima pesan ini lagi, gunakan halaman pendaftaran bisnis tersebut.",
    stopAllHeading: "Hentikan semuanya",
    stopAll: (business) => `Hentikan semua pesan dari ${business}`,
    stopAllText: "Satu langkah: semua jenis pesan berhenti sekaligus.",
    nothingToStop: "Anda tidak menerima pesan apa pun dari bisnis ini.",
    saved: "Tersimpan. Pilihan Anda sudah diperbarui.",
    savedStopped: "Tersimpan. Pesan tersebut sudah dihentikan.",
    stale: "Halaman ini sudah usang. Inilah pilihan Anda saat ini; silakan coba lagi.",
    tooMany: "Terlalu banyak perubahan barusan. Tunggu beberapa menit lalu coba lagi.",
    invalid: "Pilihan itu tidak tersedia. Inilah pilihan Anda saat ini.",
    howToStop: (business, number) =>
      number
        ? `Anda juga dapat membalas STOP ke ${business} di WhatsApp di nomor ${number} kapan saja.`
        : `Anda juga dapat membalas STOP ke ${business} di WhatsApp kapan saja.`,
  },
  whatsapp: {
    stoppedAll: (business: string) => `Anda tidak akan menerima pesan lagi dari ${business} di WhatsApp.`,
    stoppedOne: (kind: string, business: string) => `Anda tidak akan menerima pesan "${kind}" lagi dari ${business} di WhatsApp.`,
    help: (business: string, stopWords: string, example: string, join: string | null) =>
      `${business}: balas ${stopWords} untuk menghentikan semua pesan, atau kata itu dan jenis pesan (misalnya ${example}) untuk menghentikan jenis itu saja.${join ? ` Balas ${join} untuk mendaftar.` : ""}`,
  },
  sms: {
    stoppedAll: (business: string) =>
      `${business}: langganan Anda telah dihentikan dan Anda tidak akan menerima pesan lagi. Balas START untuk berlangganan lagi.`,
    stoppedOne: (kind: string, business: string) => `${business}: Anda tidak akan menerima pesan "${kind}" lagi.`,
    resumed: (business: string) => `${business}: Anda berlangganan lagi untuk yang Anda hentikan lewat SMS. Balas STOP untuk berhenti.`,
    nothingToResume: (business: string) => `${business}: tidak ada yang perlu dimulai lagi. Balas BANTUAN untuk bantuan.`,
  },
  inbound: {
    choiceRecorded: (kinds: string, business: string) =>
      `${business}: Anda akan menerima pesan ${kinds} di WhatsApp. Kirim BERHENTI kapan saja untuk berhenti.`,
    choiceUnknown: (business: string, join: string | null) =>
      `${business}: pilihan itu tidak ditawarkan lagi, jadi tidak ada yang dicatat.${join ? ` Kirim ${join} untuk melihat pilihan yang ada.` : ""}`,
    unclearStop: (business: string, word: string, example: string) =>
      `${business}: belum ada yang diubah. Untuk menghentikan semua pesan, kirim ${word} saja. Untuk menghentikan satu jenis, kirim ${word} dan namanya, misalnya ${example}.`,
  },
  notFound: {
    title: "Halaman tidak ditemukan",
    heading: "Halaman ini tidak tersedia",
    formText: "Halaman pendaftaran ini tidak ada atau sudah tidak diterbitkan. Periksa alamatnya, atau minta tautan baru kepada bisnis tersebut.",
    preferencesText: "Tautan ini tidak berfungsi: mungkin salah ketik, atau sudah diganti dengan yang lebih baru.",
    retiredLinkHeading: "Tautan ini tidak berfungsi lagi",
    preferencesReplacedText: (business: string) =>
      `Tautan ini sudah diganti dengan yang lebih baru: setiap kali Anda mendaftar di ${business} atau meminta tautan baru, tautan lama berhenti berfungsi. Buka tautan di tanda terima atau pesan terbaru dari ${business}.`,
    preferencesErasedText: (business: string) =>
      `${business} telah menghapus data Anda atas permintaan Anda, jadi tautan ini tidak membuka apa pun lagi. Untuk menerima pesan mereka lagi, daftar ulang melalui formulir mereka.`,
    stopText: "Untuk menghentikan pesan, balas STOP ke bisnis tersebut di chat WhatsApp Anda dengan mereka. Cara ini berlaku kapan saja.",
    receiptText: "Bukti ini tidak ada. Periksa alamat yang Anda simpan.",
    keywordHeading: "Daftar dengan mengirim pesan",
    keywordSms: (b: string, k: string, n: string) =>
      `${b} tidak menerima pendaftaran di halaman ini. Untuk mendaftar, kirim SMS ${k} ke ${n}. Balasannya menjelaskan apa yang Anda setujui dan cara berhenti.`,
    keywordWhatsApp: (b: string, k: string, n: string) =>
      `${b} tidak menerima pendaftaran di halaman ini. Untuk mendaftar, kirim ${k} ke ${n} di WhatsApp. Balasannya menjelaskan apa yang Anda setujui dan cara berhenti.`,
    keywordNoNumber: (b: string, k: string) =>
      `${b} tidak menerima pendaftaran di halaman ini. Untuk mendaftar, kirim ${k} ke nomor yang tertera di tempat Anda menemukan alamat ini.`,
    keywordCallSms: (k: string, n: string) => `Kirim SMS ${k} ke ${n}`,
    keywordCallWhatsApp: (k: string, n: string) => `Kirim ${k} di WhatsApp ke ${n}`,
    keywordOpenSms: "Tulis SMS",
    keywordOpenWhatsApp: "Buka WhatsApp",
  },
};
