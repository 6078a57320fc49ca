/** Photos by fileId, shown from the urls the server resolved, as a grid; a tap opens the full-screen viewer. */
export { PhotoGrid as Photos } from '@/shared/ui/photo-picker'
