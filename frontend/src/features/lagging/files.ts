/** Evidence files: what the API accepts (PNG, JPEG, PDF, at most 5 MiB), checked before sending too. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
export const EVIDENCE_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const
export const EVIDENCE_ACCEPT = '.png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf'

export type FileProblem = 'empty' | 'tooLarge' | 'wrongType'

const EXTENSIONS: Record<string, (typeof EVIDENCE_TYPES)[number]> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
}

/**
 * What is wrong with a chosen file, or null. The browser's type or else the name's extension must
 * say PNG, JPEG or PDF (the server then checks the content itself and answers 415 if it lies).
 */
export function checkEvidenceFile(file: { name: string; size: number; type: string }): FileProblem | null {
  if (file.size <= 0) return 'empty'
  if (file.size > MAX_EVIDENCE_BYTES) return 'tooLarge'
  const byType = (EVIDENCE_TYPES as readonly string[]).includes(file.type)
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase()
  const byName = extension !== undefined && extension in EXTENSIONS
  if (file.type ? !byType : !byName) return 'wrongType'
  return null
}

/** 1536 → "1.5 KB", 2.5 MiB → "2.5 MB" (binary units, one decimal). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`
}

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first), or null. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain?.[1]?.trim() || null
}

/** Hands a blob to the browser as a download (the API needs the bearer token, so no bare link). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
