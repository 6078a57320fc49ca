/** an imported image: its URL */
export default 'image.png'
