// Feedback on model output and what happened afterwards (churn page's actions panel).
export default {
  en: {
    'churn.title': 'Actions and what happened',
    'churn.for': 'Record what you did for {id}:',
    'churn.contacted': 'Contacted',
    'churn.saved': 'Saved',
    'churn.left': 'Left anyway',
    'churn.recorded': 'Recorded “{action}” for {id}.',
    'churn.pick': 'Choose a customer in the list (What if) to record a contact or its outcome.',
    'churn.flagged':
      '{flagged} customers at or above the risk threshold ({threshold}); {contacted} contacted.',
    'churn.uplift':
      'Retained after contact: {rate1} of {n1}; not contacted: {rate0} of {n0}. Difference: {diff} points (95% interval {low} to {high}).',
    'churn.caveat':
      'Observational: customers you chose to contact may differ from the others, so this is not proof that contacting caused it.',
    'churn.notYet': 'Not enough yet: record contacts, and let new orders arrive, to compare.',
    'churn.noModel': 'Train a churn model first.'
  },
  zh: {
    'churn.title': '跟进行动及结果',
    'churn.for': '记录您对 {id} 采取的行动：',
    'churn.contacted': '已联系',
    'churn.saved': '已挽回',
    'churn.left': '仍然流失',
    'churn.recorded': '已为 {id} 记录“{action}”。',
    'churn.pick': '在列表中选择一位客户（假设分析），即可记录联系或结果。',
    'churn.flagged': '{flagged} 位客户的风险达到或超过阈值（{threshold}）；已联系 {contacted} 位。',
    'churn.uplift':
      '联系后留存：{n1} 位中的 {rate1}；未联系：{n0} 位中的 {rate0}。差异：{diff} 个百分点（95% 区间 {low} 至 {high}）。',
    'churn.caveat':
      '此为观察数据：您选择联系的客户可能与其他客户不同，因此不能证明联系带来了这一结果。',
    'churn.notYet': '数据还不够：请记录联系情况，并等待新的订单，再进行比较。',
    'churn.noModel': '请先训练流失模型。'
  }
} as const;
