/** The h5 build's file picker: an <input type=file> the browser opens. Never in the weapp bundle. */
import type { PickedFile } from './pick-file'

export function pickFileInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    // in the page while the chooser is open (some browsers ignore a detached input's click)
    document.body.appendChild(input)
    const done = (file: File | null) => {
      input.remove()
      resolve(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => done(null), { once: true })
    input.click()
  })
}

export async function readBlobText(path: string): Promise<string> {
  return (await fetch(path)).text()
}
