/**
 * Issue 16's budget for the browser twin: what 首页 needs before it can render (index.html's entry scripts and the
 * chunks its route loads) within 150 KB gzip. `npm run bench -- --only=h5` prints the same figures, file by file.
 */
import path from 'node:path'
import { buildH5IfNeeded } from '../../cloud/server/start'
import { firstRouteOf, H5_FIRST_ROUTE_GZIP } from '../../scripts/lib/h5-first-route'

test('the h5 first route (entry scripts and 首页’s chunks) is within 150 KB gzip', () => {
  buildH5IfNeeded()
  const { entry, home, total } = firstRouteOf(path.resolve(__dirname, '../../dist/h5'))
  // both parts found: a route table the parser no longer reads would measure nothing and pass
  expect(entry.files.length).toBeGreaterThan(0)
  expect(home.files.length).toBeGreaterThan(0)
  expect(home.gzip).toBeGreaterThan(1024)
  expect(total.gzip).toBeLessThanOrEqual(H5_FIRST_ROUTE_GZIP)
}, 300_000)
