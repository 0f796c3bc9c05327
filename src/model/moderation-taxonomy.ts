/**
 * Rekognition's content moderation taxonomy, version 7.0: each label and its parent ("" for a top-level
 * category). Source: RK-DG:moderation ("Using the image and video moderation APIs", the label table of the
 * version 7 taxonomy), as also listed by KensioSoftware/yulin `sim-rekognition-moderation-labels.ts` @ 07c59190.
 */
export const MODERATION_MODEL_VERSION = "7.0";

const PARENT_OF: ReadonlyMap<string, string> = new Map<string, string>([
  ["Explicit", ""],
  ["Explicit Nudity", "Explicit"],
  ["Exposed Male Genitalia", "Explicit Nudity"],
  ["Exposed Female Genitalia", "Explicit Nudity"],
  ["Exposed Buttocks or Anus", "Explicit Nudity"],
  ["Exposed Female Nipple", "Explicit Nudity"],
  ["Explicit Sexual Activity", "Explicit"],
  ["Sex Toys", "Explicit"],
  ["Non-Explicit Nudity of Intimate parts and Kissing", ""],
  ["Non-Explicit Nudity", "Non-Explicit Nudity of Intimate parts and Kissing"],
  ["Bare Back", "Non-Explicit Nudity"],
  ["Exposed Male Nipple", "Non-Explicit Nudity"],
  ["Partially Exposed Buttocks", "Non-Explicit Nudity"],
  ["Partially Exposed Female Breast", "Non-Explicit Nudity"],
  ["Implied Nudity", "Non-Explicit Nudity"],
  ["Obstructed Intimate Parts", "Non-Explicit Nudity of Intimate parts and Kissing"],
  ["Obstructed Female Nipple", "Obstructed Intimate Parts"],
  ["Obstructed Male Genitalia", "Obstructed Intimate Parts"],
  ["Kissing on the Lips", "Non-Explicit Nudity of Intimate parts and Kissing"],
  ["Swimwear or Underwear", ""],
  ["Female Swimwear or Underwear", "Swimwear or Underwear"],
  ["Male Swimwear or Underwear", "Swimwear or Underwear"],
  ["Violence", ""],
  ["Weapons", "Violence"],
  ["Graphic Violence", "Violence"],
  ["Weapon Violence", "Graphic Violence"],
  ["Physical Violence", "Graphic Violence"],
  ["Self-Harm", "Graphic Violence"],
  ["Blood & Gore", "Graphic Violence"],
  ["Explosions and Blasts", "Graphic Violence"],
  ["Visually Disturbing", ""],
  ["Death and Emaciation", "Visually Disturbing"],
  ["Emaciated Bodies", "Death and Emaciation"],
  ["Corpses", "Death and Emaciation"],
  ["Crashes", "Visually Disturbing"],
  ["Air Crash", "Crashes"],
  ["Drugs & Tobacco", ""],
  ["Products", "Drugs & Tobacco"],
  ["Pills", "Products"],
  ["Drugs & Tobacco Paraphernalia & Use", "Drugs & Tobacco"],
  ["Smoking", "Drugs & Tobacco Paraphernalia & Use"],
  ["Alcohol", ""],
  ["Alcohol Use", "Alcohol"],
  ["Drinking", "Alcohol Use"],
  ["Alcoholic Beverages", "Alcohol"],
  ["Rude Gestures", ""],
  ["Middle Finger", "Rude Gestures"],
  ["Gambling", ""],
  ["Hate Symbols", ""],
  ["Nazi Party", "Hate Symbols"],
  ["White Supremacy", "Hate Symbols"],
  ["Extremist", "Hate Symbols"],
]);

/** The parent of a v7 label ("" for a top-level one), or undefined for a name the taxonomy does not have. */
export function parentOf(name: string): string | undefined {
  return PARENT_OF.get(name);
}

/** The label's ancestors, nearest first. */
export function ancestorsOf(name: string): string[] {
  const out: string[] = [];
  for (let p = PARENT_OF.get(name); p; p = PARENT_OF.get(p)) out.push(p);
  return out;
}
