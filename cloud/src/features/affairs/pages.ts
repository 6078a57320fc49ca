/** The pages 村务公开's notices link to (none yet: the mini-program's pages come with the client). */
export const NOTICE_PAGE = (_villageId: string, _noticeId: string): string | null => null
