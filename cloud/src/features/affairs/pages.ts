/** The page a notice of a new 公告 opens. */
import { pageUrl } from '../../../../src/routes'

export const NOTICE_PAGE = (villageId: string, noticeId: string): string => pageUrl('affairs.notice', { villageId, noticeId })
