/** How the audit log names each action: shared by the log's pages and a person's own data (zod-free: the client imports it). */

/** how the log names each action (an action missing here is shown by its code) */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'join.approve': '批准入村',
  'join.reject': '驳回入村申请',
  'register.setRep': '设为户代表',
  'register.setHead': '设为户主',
  'register.moveHousehold': '调整网格',
  'register.endMembership': '注销成员',
  'account.confirmDeletion': '注销个人信息',
  'rules.draft': '起草村规民约',
  'rules.discardDraft': '删除村规民约草稿',
  'rules.publish': '发布村规民约',
  'rules.export': '导出承诺情况',
  'topics.draft': '起草议题',
  'topics.discard': '删除议题草稿',
  'topics.amendRoll': '核对选民名册',
  'topics.publish': '发布议题',
  'topics.close': '投票截止',
  'topics.decide': '公布决议',
  'topics.update': '落实进展',
  'topics.done': '办结议题',
  'topics.remind': '提醒投票',
  'topics.export': '导出投票',
  'ballots.recordInPerson': '现场表决登记',
  'ballots.proxy': '代投',
  'comments.hide': '隐藏评论',
  'proposals.accept': '提议达到联署',
  'proposals.schedule': '安排表决',
  'proposals.withdraw': '撤回提议',
}

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action
