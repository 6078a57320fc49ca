/**
 * Request bodies on the local server, read only after the request has been judged worth reading
 * and never past a cap: the declared Content-Length is checked before the first byte, and a
 * chunked body (no Content-Length) is cut at the cap, so that a sender can never make the server
 * hold more than `max` bytes of one body.
 */
import type http from 'node:http'

/** The declared length; null when the body is chunked (no Content-Length). Node has already refused a malformed one (400). */
export function declaredLength(req: http.IncomingMessage): number | null {
  const header = req.headers['content-length']
  return header === undefined ? null : Number(header)
}

/**
 * The body, or 'too large' as soon as it passes max bytes (what was read is dropped and reading
 * stops: the caller answers 413 and closes the connection). `res` gets its `100 Continue` here,
 * when the client asked for one, so that a refused request was never told to send its body.
 */
export function readCapped(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<Buffer | 'too large'> {
  if ((declaredLength(req) ?? 0) > max) return Promise.resolve('too large')
  if (/100-continue/i.test(req.headers.expect ?? '')) res.writeContinue()
  return new Promise((resolve, reject) => {
    let size = 0
    let chunks: Buffer[] = []
    const onData = (c: Buffer) => {
      size += c.length
      if (size <= max) return void chunks.push(c)
      chunks = []
      req.off('data', onData)
      req.resume() // the rest flows on unkept until the connection closes (lingeringClose)
      resolve('too large')
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** how long an answered connection may go on sending what will not be read */
export const LINGER_MS = 2000

/**
 * Closes the connection after an answer given without reading the whole body. Closing a socket
 * that still has unread bytes resets the connection, and the reset makes the sender's TCP stack
 * drop the answer before its program reads it (half of 60 refused uploads saw no answer at all).
 * So, as Apache's lingering close does, the answered socket is half-closed (FIN), what still
 * arrives is discarded as it comes (never kept), and the socket is destroyed when the sender
 * closes its side or after LINGER_MS at most. Call before `res.end()`.
 */
export function lingeringClose(res: http.ServerResponse): void {
  const socket = res.socket
  if (!socket) return
  // node calls destroySoon() once an answer with `Connection: close` is sent
  socket.destroySoon = () => {
    socket.end()
    socket.pause()
    setTimeout(() => socket.destroy(), LINGER_MS).unref()
  }
}
