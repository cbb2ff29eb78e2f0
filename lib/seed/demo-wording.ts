import type { FormLanguageContent } from "../db/schema/form-content";
import { defaultEnglishWording } from "../forms/wording";

type DemoCategory = { key: string; label: string; description: string; example: string; frequency: string };
type Translation = Omit<FormLanguageContent, "consent" | "categories"> & {
  categories: Record<string, Omit<DemoCategory, "key">>;
  consent: Record<string, string>;
};

/**
 * The demo form's wording in the five languages the consumer pages speak. Every consent sentence says yes,
 * which messages, from which business and on WhatsApp, as the English one does.
 */
export function demoWording(business: string, categories: DemoCategory[]): Record<string, FormLanguageContent> {
  const translations: Record<string, Translation> = {
    es: {
      headline: `Recibe novedades de ${business} por WhatsApp`,
      benefits: ["Entérate al momento de que tu pedido está listo", "Ofertas exclusivas, como máximo dos al mes", "Sin spam: elige solo lo que quieres"],
      categories: {
        order_updates: {
          label: "Novedades de pedidos",
          description: "Confirmaciones, recibos y avisos de entrega de tus pedidos.",
          example: "Tu flat white (pedido n.º 1042) está listo para recoger en Market Street.",
          frequency: "Solo cuando haces un pedido",
        },
        offers: {
          label: "Ofertas",
          description: "Descuentos y promociones de temporada.",
          example: "Solo esta semana: 2x1 en cold brew antes de las 10:00.",
          frequency: "Hasta 2 al mes",
        },
        recommendations: {
          label: "Recomendaciones de productos",
          description: "Nuevos cafés y bebidas elegidos según tus gustos.",
          example: "Nuevo café de origen único de Huila, Colombia: notas de cereza y cacao.",
          frequency: "Hasta 1 al mes",
        },
      },
      consent: {
        order_updates: `Sí, quiero recibir novedades de mis pedidos de ${business} por WhatsApp.`,
        offers: `Sí, quiero recibir ofertas de ${business} por WhatsApp.`,
        recommendations: `Sí, quiero recibir recomendaciones de productos de ${business} por WhatsApp.`,
      },
      howToStop: `Puedes darte de baja cuando quieras: responde STOP a ${business} en WhatsApp.`,
      submitLabel: "Registrarme",
    },
    "pt-BR": {
      headline: `Receba novidades da ${business} no WhatsApp`,
      benefits: ["Saiba na hora quando seu pedido estiver pronto", "Ofertas exclusivas, no máximo duas por mês", "Sem spam: escolha só o que você quer"],
      categories: {
        order_updates: {
          label: "Atualizações de pedidos",
          description: "Confirmações, recibos e avisos de entrega dos seus pedidos.",
          example: "Seu flat white (pedido nº 1042) está pronto para retirada na Market Street.",
          frequency: "Só quando você faz um pedido",
        },
        offers: {
          label: "Ofertas",
          description: "Descontos e promoções da estação.",
          example: "Só esta semana: leve 2, pague 1 no cold brew antes das 10h.",
          frequency: "Até 2 por mês",
        },
        recommendations: {
          label: "Recomendações de produtos",
          description: "Novos cafés e bebidas escolhidos para o seu gosto.",
          example: "Novo café de origem única de Huila, Colômbia: notas de cereja e cacau.",
          frequency: "Até 1 por mês",
        },
      },
      consent: {
        order_updates: `Sim, quero receber atualizações dos meus pedidos da ${business} pelo WhatsApp.`,
        offers: `Sim, quero receber ofertas da ${business} pelo WhatsApp.`,
        recommendations: `Sim, quero receber recomendações de produtos da ${business} pelo WhatsApp.`,
      },
      howToStop: `Você pode parar quando quiser: responda STOP para a ${business} no WhatsApp.`,
      submitLabel: "Quero me cadastrar",
    },
    hi: {
      headline: `WhatsApp पर ${business} के अपडेट पाएँ`,
      benefits: ["ऑर्डर तैयार होते ही तुरंत पता चलेगा", "सिर्फ़ सदस्यों के लिए ऑफ़र, महीने में ज़्यादा से ज़्यादा दो बार", "कोई स्पैम नहीं: सिर्फ़ वही चुनें जो आप चाहते हैं"],
      categories: {
        order_updates: {
          label: "ऑर्डर अपडेट",
          description: "आपके ऑर्डर की पुष्टि, रसीदें और डिलीवरी की जानकारी।",
          example: "आपका फ़्लैट व्हाइट (ऑर्डर #1042) मार्केट स्ट्रीट पर पिक-अप के लिए तैयार है।",
          frequency: "सिर्फ़ जब आप ऑर्डर करें",
        },
        offers: {
          label: "ऑफ़र",
          description: "छूट और मौसमी डील।",
          example: "सिर्फ़ इस हफ़्ते: सुबह 10 बजे से पहले कोल्ड ब्रू पर एक के साथ एक मुफ़्त।",
          frequency: "महीने में ज़्यादा से ज़्यादा 2 बार",
        },
        recommendations: {
          label: "प्रॉडक्ट सुझाव",
          description: "आपकी पसंद के हिसाब से चुनी गई नई कॉफ़ी और ड्रिंक्स।",
          example: "हुइला, कोलंबिया की नई सिंगल-ओरिजिन कॉफ़ी: चेरी और कोको का स्वाद।",
          frequency: "महीने में ज़्यादा से ज़्यादा 1 बार",
        },
      },
      consent: {
        order_updates: `हाँ, मुझे WhatsApp पर ${business} से ऑर्डर अपडेट चाहिए।`,
        offers: `हाँ, मुझे WhatsApp पर ${business} से ऑफ़र चाहिए।`,
        recommendations: `हाँ, मुझे WhatsApp पर ${business} से प्रॉडक्ट सुझाव चाहिए।`,
      },
      howToStop: `आप कभी भी बंद कर सकते हैं: WhatsApp पर ${business} को STOP लिखकर भेजें।`,
      submitLabel: "साइन अप करें",
    },
    id: {
      headline: `Dapatkan kabar dari ${business} di WhatsApp`,
      benefits: [
        "Langsung tahu saat pesanan Anda siap",
        "Penawaran khusus anggota, paling banyak dua kali sebulan",
        "Tanpa spam: pilih hanya yang Anda inginkan",
      ],
      categories: {
        order_updates: {
          label: "Info pesanan",
          description: "Konfirmasi, struk, dan kabar pengiriman untuk pesanan Anda.",
          example: "Flat white Anda (pesanan #1042) siap diambil di Market Street.",
          frequency: "Hanya saat Anda memesan",
        },
        offers: {
          label: "Penawaran",
          description: "Diskon dan promo musiman.",
          example: "Minggu ini saja: beli 1 gratis 1 cold brew sebelum pukul 10.00.",
          frequency: "Paling banyak 2 kali sebulan",
        },
        recommendations: {
          label: "Rekomendasi produk",
          description: "Biji kopi dan minuman baru yang dipilih sesuai selera Anda.",
          example: "Single origin baru dari Huila, Kolombia: nuansa ceri dan kakao.",
          frequency: "Paling banyak 1 kali sebulan",
        },
      },
      consent: {
        order_updates: `Ya, saya ingin menerima info pesanan dari ${business} melalui WhatsApp.`,
        offers: `Ya, saya ingin menerima penawaran dari ${business} melalui WhatsApp.`,
        recommendations: `Ya, saya ingin menerima rekomendasi produk dari ${business} melalui WhatsApp.`,
      },
      howToStop: `Anda bisa berhenti kapan saja: balas STOP ke ${business} di WhatsApp.`,
      submitLabel: "Daftar",
    },
  };
  const keys = categories.map((c) => c.key);
  const pick = <T>(record: Record<string, T>) => Object.fromEntries(keys.map((k) => [k, record[k]!]));
  return {
    en: {
      ...defaultEnglishWording(business, categories),
      benefits: ["Know the moment your order is ready", "Members-only offers, at most twice a month", "No spam: pick only what you want"],
    },
    ...Object.fromEntries(Object.entries(translations).map(([lang, t]) => [lang, { ...t, categories: pick(t.categories), consent: pick(t.consent) }])),
  };
}
