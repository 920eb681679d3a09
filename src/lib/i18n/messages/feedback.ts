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
    'churn.noModel': 'Train a churn model first.',
    'challenge.body':
      'Retrain on the current data as a challenger: it replaces the model in use only if it ranks churners better on the same held-out customers, by more than chance.',
    'challenge.run': 'Retrain as challenger',
    'challenge.auto':
      '{rows} new rows and {signals} feedback signals since the model in use was trained: a challenger is being trained in the background.',
    'challenge.running': 'Training the challenger…',
    'challenge.first':
      'Version {version} trained and put in use (there was no model to compare with).',
    'challenge.compare':
      'Version {version} against {champion} on {rows} held-out customers: ROC AUC {challengerAuc} vs {championAuc} (lower 95% bound of the gain: {low}).',
    'challenge.compareAccuracy':
      'Version {version} against {champion} on {rows} held-out messages nobody corrected: accuracy {challengerAuc} vs {championAuc} (lower 95% bound of the gain: {low}).',
    'challenge.compareNdcg':
      'Version {version} against {champion} on {rows} held-out customers without feedback: NDCG@10 {challengerAuc} vs {championAuc} (lower 95% bound of the gain: {low}).',
    'challenge.bodyIntents':
      'Retrain with your corrections as labels, as a challenger: it replaces the model in use only if it routes more held-out messages (ones nobody corrected) to the right topic, by more than chance.',
    'challenge.bodyRecommend':
      'Retrain with accepted suggestions counted as purchases and rejected ones pushed down, as a challenger: it replaces the model in use only if it ranks what held-out customers bought next higher (NDCG@10), by more than chance.',
    'challenge.promoted': 'The challenger is better: it is now in use.',
    'challenge.kept':
      'Not better: the model in use stays; the challenger is kept in the versions list.',
    'challenge.incomparable':
      'The model in use could not score these customers: the challenger was saved but not put in use.'
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
    'churn.noModel': '请先训练流失模型。',
    'challenge.body':
      '用当前数据重新训练一个挑战者模型：只有当它在同一批留出客户上对流失客户的排序明显优于当前模型（超出偶然差异）时，才会替换当前模型。',
    'challenge.run': '训练挑战者模型',
    'challenge.auto':
      '自当前模型训练以来新增 {rows} 行数据和 {signals} 条反馈：正在后台训练挑战者模型。',
    'challenge.running': '正在训练挑战者模型…',
    'challenge.first': '版本 {version} 已训练并启用（此前没有可比较的模型）。',
    'challenge.compare':
      '版本 {version} 与 {champion} 在 {rows} 位留出客户上比较：ROC AUC {challengerAuc} 对 {championAuc}（提升的 95% 下界：{low}）。',
    'challenge.compareAccuracy':
      '版本 {version} 与 {champion} 在 {rows} 条未被更正的留出消息上比较：准确率 {challengerAuc} 对 {championAuc}（提升的 95% 下界：{low}）。',
    'challenge.compareNdcg':
      '版本 {version} 与 {champion} 在 {rows} 位没有反馈的留出客户上比较：NDCG@10 {challengerAuc} 对 {championAuc}（提升的 95% 下界：{low}）。',
    'challenge.bodyIntents':
      '以您的更正作为标签重新训练挑战者模型：只有当它把更多留出消息（未被更正的）分到正确主题、且超出偶然时，才会替换当前模型。',
    'challenge.bodyRecommend':
      '把接受的推荐算作购买、拒绝的推荐降低排名，重新训练挑战者模型：只有当它把留出客户接下来购买的商品排得更靠前（NDCG@10）、且超出偶然时，才会替换当前模型。',
    'challenge.promoted': '挑战者更好：现已启用。',
    'challenge.kept': '没有更好：继续使用当前模型；挑战者保留在版本列表中。',
    'challenge.incomparable': '当前模型无法为这些客户评分：挑战者已保存，但未启用。'
  }
} as const;
