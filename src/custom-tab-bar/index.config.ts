export default {
  component: true,
  // the app's styles (app.wxss) reach the bar: its classes are shared with the browser's tab pages
  styleIsolation: 'apply-shared',
}
