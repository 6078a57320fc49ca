/** The scene inside a scanned mini-program code's path, e.g. features/account/pages/join/index?scene=v%3Dxinshan */
export function sceneFromScanPath(path: string | undefined): string | null {
  const m = /[?&]scene=([^&]+)/.exec(path ?? '')
  return m ? decodeURIComponent(m[1]) : null
}
