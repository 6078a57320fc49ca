/** 财务公开: the committee imports a period from the accountant's CSV (audited); everyone in the village reads it. */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers } from '../../handler'
import { audit } from '../../common/audit'
import { checkText } from '../../common/content'
import { findAll, getInVillage } from '../../common/load'
import { isCommittee } from '../account/policy'
import type { affairsActions, FinanceView } from './contract'
import type { FinancePeriod } from './documents'
import { FinanceCsvError, parseFinanceCsv } from './finance-csv'

export function financeView(p: FinancePeriod): FinanceView {
  const sums = new Map<string, { category: string; income: number; spending: number }>()
  for (const l of p.lines) {
    const s = sums.get(l.category) ?? { category: l.category, income: 0, spending: 0 }
    s.income += l.income
    s.spending += l.spending
    sums.set(l.category, s)
  }
  const byCategory = [...sums.values()].sort((a, b) => b.income + b.spending - (a.income + a.spending))
  const totals = { income: p.lines.reduce((n, l) => n + l.income, 0), spending: p.lines.reduce((n, l) => n + l.spending, 0) }
  return { id: p._id, period: p.period, lines: p.lines, byCategory, totals, importedAt: p.importedAt, importedByName: p.importedByName }
}

type FinanceActions = Pick<typeof affairsActions, 'affairs.finance' | 'affairs.importFinance'>

export const financeHandlers: Handlers<FinanceActions> = {
  'affairs.finance': {
    access: ACCESS.member,
    async handle({ villageId, periodId }, ctx) {
      const all = (await findAll(ctx.ports.store, 'financePeriods', { villageId })).sort((a, b) => b.importedAt - a.importedAt)
      const current = periodId ? await getInVillage(ctx.ports.store, 'financePeriods', periodId, villageId, '找不到该期财务公开') : (all[0] ?? null)
      return { periods: all.map((p) => ({ id: p._id, period: p.period })), current: current && financeView(current), canImport: isCommittee(ctx.membership) }
    },
  },

  'affairs.importFinance': {
    access: ACCESS.committee,
    async handle({ villageId, period, csv }, ctx) {
      let lines
      try {
        lines = parseFinanceCsv(csv)
      } catch (e) {
        if (e instanceof FinanceCsvError) throw new ApiError('BAD_INPUT', e.message, { csv: e.message })
        throw e
      }
      if (lines.length === 0) throw new ApiError('BAD_INPUT', '文件里只有表头，没有收支明细', { csv: '文件里只有表头，没有收支明细' })
      await checkText(ctx, { period, csv: lines.map((l) => `${l.category} ${l.summary}`).join('\n') })
      const doc: FinancePeriod = { _id: `${villageId}:${period}`, villageId, period, lines, importedAt: ctx.now, importedByName: ctx.membership.name }
      await ctx.ports.store.transaction(async (tx) => {
        const old = await tx.get('financePeriods', doc._id)
        if (old) await tx.update('financePeriods', doc._id, { set: { lines, importedAt: ctx.now, importedByName: ctx.membership.name } })
        else await tx.insert('financePeriods', doc)
        await audit(ctx, 'affairs.importFinance', { type: 'finance', id: doc._id, label: `${period}（${lines.length}行）` }, old ? `重新导入，替换原有${old.lines.length}行` : null, tx)
      })
      return financeView(doc)
    },
  },
}
