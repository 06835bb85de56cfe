import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api } from '@/api'
import { toApiError } from '@/api/client'
import { getAccessToken } from '@/lib/auth'
import { fileNameFromDisposition } from '../files'
import type { Attachment } from './get-finding'

export async function uploadAttachment(findingId: number, file: File): Promise<Attachment> {
  const { data } = await api.POST('/api/v1/findings/{findingId}/attachments', {
    params: { path: { findingId } },
    // The contract's body is `{ file }`; sent as multipart (the browser sets the boundary).
    body: { file: file as unknown as string },
    bodySerializer: () => {
      const form = new FormData()
      form.append('file', file, file.name)
      return form
    },
  })
  return data!
}

/** Attaches one evidence file; the finding (its attachment list) is then stale. */
export function useUploadAttachment() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ findingId, file }: { findingId: number; file: File }) => uploadAttachment(findingId, file),
    onSuccess: (_saved, { findingId }) => client.invalidateQueries({ queryKey: ['findings', 'detail', findingId] }),
  })
}

/**
 * Downloads a file with the bearer token (a bare link would carry none). Fetched directly rather than
 * through the API client, whose requests ask for JSON only.
 */
export async function downloadAttachment(findingId: number, attachment: Pick<Attachment, 'id' | 'fileName'>): Promise<{ blob: Blob; fileName: string }> {
  const token = await getAccessToken()
  const response = await globalThis.fetch(
    `${window.location.origin}/api/v1/findings/${findingId}/attachments/${attachment.id}`,
    { headers: { Accept: '*/*', ...(token ? { Authorization: `Bearer ${token}` } : {}) } },
  )
  if (!response.ok) throw await toApiError(response)
  const blob = await response.blob()
  return { blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? attachment.fileName }
}

