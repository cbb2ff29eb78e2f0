/** How people write "WhatsApp" in the form languages; the Latin spelling is the common one everywhere. */
export const whatsappNames = ["whatsapp", "व्हाट्सएप", "व्हाट्सऐप", "वॉट्सऐप", "वाट्सऐप"];

export const squash = (text: string) => text.toLocaleLowerCase().replace(/\s+/g, " ").trim();

/** Whether a text names something (the business, WhatsApp), case and spacing aside. */
export const mentions = (text: string, name: string) => name.trim() !== "" && squash(text).includes(squash(name));
