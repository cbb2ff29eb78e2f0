/** Replaces every needle (the person's number in its forms, BSUID, name) in a text staff wrote, such as a reason. */
export function scrubText(text: string, needles: string[]): string {
  // Longest first, so "(201) 555-0142" goes before "2015550142" could split it; short needles would hit words.
  const usable = [...new Set(needles.filter((n) => n.trim().length >= 3))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return text;
  const pattern = new RegExp(usable.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
  return text.replace(pattern, "[erased]");
}
