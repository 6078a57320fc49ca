/**
 * Text nobody can see never reaches a handler: every string of every action's input is normalised
 * (NFC) and stripped of control and invisible characters (zero-width, bidi overrides, soft hyphen…)
 * and of lone surrogates, before the schema trims it and checks its length.
 */
// C0 controls but \t \n \r, DEL and C1, soft hyphen, Arabic letter mark, Mongolian vowel separator,
// zero-width and direction marks, bidi embeddings/overrides/isolates, word joiner…, BOM, interlinear annotation
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** printable ASCII: nothing to strip or normalise (ids, choices, most of what an action is sent) */
const PLAIN = /^[\u0020-\u007E]*$/

export function visibleText(s: string): string {
  if (PLAIN.test(s)) return s
  return s.replace(LONE_SURROGATE, '').normalize('NFC').replace(INVISIBLE, '')
}

/** Every string inside a payload made visible (objects and arrays walked; other values as they are). */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return visibleText(value)
  if (Array.isArray(value)) return value.map(cleanStrings)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)]))
  return value
}
