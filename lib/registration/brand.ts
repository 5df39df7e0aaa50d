// Detects a brand name inside free text, also when it is disguised with look-alike characters.

/** Characters that render as nothing, or almost nothing, and can hide inside a word. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff\p{Default_Ignorable_Code_Point}]/gu;
const COMBINING_MARKS = /\p{M}/gu;

/** Cyrillic and Greek letters that look like Latin ones, keeping their case. */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic, lower case
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ӏ: "l",
  к: "k",
  м: "m",
  н: "h",
  т: "t",
  в: "b",
  // Cyrillic, upper case
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  І: "I",
  Ј: "J",
  Ѕ: "S",
  Ӏ: "l",
  // Greek
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
  ο: "o",
  ρ: "p",
  ν: "v",
  ι: "i",
  κ: "k",
  α: "a",
  ε: "e",
  // Digits
  "0": "o",
  "1": "l",
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "gu");

/**
 * Breaks text into lower-case words after undoing the usual disguises: compatibility forms
 * (full-width letters), invisible characters, accents, look-alike letters and digits. Words are
 * also split where camelCase or a letter/digit change starts a new one ("PleoSync" → pleo, sync).
 */
function words(text: string): string[] {
  const folded = text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .normalize("NFC")
    .replace(LOOK_ALIKE_PATTERN, (ch) => LOOK_ALIKES[ch] ?? ch)
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

const brandKeys = new Map<string, string>();

function brandKey(brand: string): string {
  let key = brandKeys.get(brand);
  if (key === undefined) {
    key = words(brand).join("");
    if (brandKeys.size > 100) brandKeys.clear();
    brandKeys.set(brand, key);
  }
  return key;
}

/**
 * True when the text uses the brand as a word of its own, ignoring case and disguises.
 * A run of adjacent words spelling the brand counts too ("P-l-e-o", "Pl eo"), while a longer
 * word that merely starts with it does not ("Pleonasm").
 */
export function usesBrand(text: string, brand: string): boolean {
  const key = brandKey(brand);
  if (!key || !text) return false;
  const parts = words(text);
  for (let i = 0; i < parts.length; i++) {
    let joined = "";
    for (let j = i; j < parts.length; j++) {
      joined += parts[j];
      if (joined === key) return true;
      if (joined.length >= key.length || !key.startsWith(joined)) break;
    }
  }
  return false;
}

export function brandMessage(brand: string): string {
  return `Choose a name without "${brand}" in it: apps may not use ${brand}'s name or branding, or present themselves as an official ${brand} app.`;
}
