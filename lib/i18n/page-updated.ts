/**
 * What a page says when it cannot go on: above all when it was opened under an earlier deploy and the server no
 * longer knows its form's action. Kept apart from the page dictionaries so the error boundary, which every page
 * ships, carries a few sentences rather than every language's whole dictionary.
 */
type PageErrorText = { updatedTitle: string; updatedBody: string; otherTitle: string; otherBody: string; reload: string };

const texts: Record<string, PageErrorText> = {
  en: {
    updatedTitle: "This page was updated",
    updatedBody:
      "A new version of this site went live while the page was open, so what you entered was not sent and nothing was saved. Reload the page and try again.",
    otherTitle: "Something went wrong",
    otherBody: "This page could not be shown. Reload it to try again.",
    reload: "Reload the page",
  },
  es: {
    updatedTitle: "Esta página se actualizó",
    updatedBody:
      "Se publicó una nueva versión del sitio mientras la página estaba abierta, así que lo que escribiste no se envió y no se guardó nada. Vuelve a cargar la página e inténtalo de nuevo.",
    otherTitle: "Algo salió mal",
    otherBody: "No se pudo mostrar esta página. Vuelve a cargarla para intentarlo de nuevo.",
    reload: "Volver a cargar la página",
  },
  "pt-BR": {
    updatedTitle: "Esta página foi atualizada",
    updatedBody:
      "Uma nova versão do site entrou no ar enquanto a página estava aberta, então o que você digitou não foi enviado e nada foi salvo. Recarregue a página e tente de novo.",
    otherTitle: "Algo deu errado",
    otherBody: "Não foi possível mostrar esta página. Recarregue para tentar de novo.",
    reload: "Recarregar a página",
  },
  hi: {
    updatedTitle: "यह पेज अपडेट हो गया है",
    updatedBody: "पेज खुला रहते हुए साइट का नया संस्करण आ गया, इसलिए आपकी भरी जानकारी भेजी नहीं गई और कुछ भी सेव नहीं हुआ। पेज फिर से लोड करें और दोबारा कोशिश करें।",
    otherTitle: "कुछ गड़बड़ हो गई",
    otherBody: "यह पेज दिखाया नहीं जा सका। दोबारा कोशिश करने के लिए इसे फिर से लोड करें।",
    reload: "पेज फिर से लोड करें",
  },
  id: {
    updatedTitle: "Halaman ini telah diperbarui",
    updatedBody:
      "Versi baru situs ini dirilis saat halaman masih terbuka, jadi isian Anda tidak terkirim dan tidak ada yang disimpan. Muat ulang halaman dan coba lagi.",
    otherTitle: "Terjadi kesalahan",
    otherBody: "Halaman ini tidak dapat ditampilkan. Muat ulang untuk mencoba lagi.",
    reload: "Muat ulang halaman",
  },
};

/** The languages these texts are written in. */
export const pageErrorLanguages: readonly string[] = Object.keys(texts);

/** The text for a page's language (its `<html lang>`), falling back from "es-MX" to "es" and then to English. */
export function pageErrorText(lang: string | undefined): PageErrorText {
  const code = lang ?? "en";
  return texts[code] ?? texts[code.split("-")[0] ?? "en"] ?? (texts.en as PageErrorText);
}
