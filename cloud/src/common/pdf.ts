/**
 * A small, valid one-page PDF of a title and lines of Chinese text, built by hand (no PDF library in the
 * cloud bundle): the demo's 财务公开 attachment and the tests' PDF. The text is in STSong-Light with the
 * UniGB-UCS2-H encoding, one of the CJK fonts every PDF reader must supply (ISO 32000-1, 9.7.5.2), so
 * nothing is embedded and the file stays a few KB. Offsets in the cross-reference table are computed.
 */

/** a string as the font's UCS-2 codes, in hex (characters beyond the BMP are dropped) */
const ucs2 = (text: string) =>
  Array.from(text)
    .map((c) => c.codePointAt(0)!)
    .filter((c) => c <= 0xffff)
    .map((c) => c.toString(16).padStart(4, '0'))
    .join('')

export function tinyPdf(title: string, lines: string[]): Buffer {
  const content = [
    'BT',
    '/F1 20 Tf',
    '56 780 Td',
    `<${ucs2(title)}> Tj`,
    '/F1 12 Tf',
    ...lines.flatMap((l, i) => [i === 0 ? '0 -36 Td' : '0 -20 Td', `<${ucs2(l)}> Tj`]),
    'ET',
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}
