// Accessibility and statistics on request: the "Details" sections with a one-line explanation of
// each statistic, charts' text alternatives, training progress in words, persistent storage.
export default {
  en: {
    'details.summary': 'Details: the statistics behind these figures',
    'term.auc': 'ROC AUC',
    'term.auc.what':
      'The chance that a customer who left is ranked riskier than one who stayed: 0.5 is guessing, 1 is perfect.',
    'term.prAuc': 'PR AUC',
    'term.prAuc.what':
      'How precise the list stays as it reaches more of the customers who left; guessing scores the share who left.',
    'term.f1': 'F1',
    'term.f1.what':
      'One figure for the flagged customers: the balance between how many of them really left and how many leavers were flagged (0 to 1).',
    'term.sd': '± figure',
    'term.sd.what':
      'The spread across the cross-validation folds: each fold is scored on customers its model never saw.',
    'term.calibration': 'Calibration',
    'term.calibration.what':
      'Whether a predicted 30% risk means about 30% of such customers leave: points on the diagonal are honest.',
    'term.confusion': 'Confusion matrix',
    'term.confusion.what':
      'At one risk threshold, how many customers were flagged rightly and wrongly; move the threshold to trade one error for the other.',
    'term.anomalyAuc': 'Anomaly AUC',
    'term.anomalyAuc.what':
      'Unusual customers are planted in a copy of the data: the chance one of them scores as more unusual than an ordinary customer (0.5 is guessing, 1 is perfect).',
    'term.timing': 'Training time and backend',
    'term.timing.what':
      'How long training took on this device and which engine ran it (WebGPU, WebGL, WASM or CPU); it does not change the results.',
    'term.bgnbd': 'r, α, a, b (BG/NBD)',
    'term.bgnbd.what':
      'The purchase model: r and α describe how often customers buy, a and b how likely they are to stop after a purchase.',
    'term.gammaGamma': 'p, q, γ (Gamma-Gamma)',
    'term.gammaGamma.what':
      'The spend model: how much a typical order is worth and how much that differs between customers.',
    'term.se': 'Standard error',
    'term.se.what':
      'How uncertain each estimate is: about 95% of plausible values lie within two standard errors.',
    'term.logLik': 'Log-likelihood',
    'term.logLik.what':
      'How well the fitted model explains the purchases seen; higher (closer to zero) is better, used to compare fits on the same data.',
    'term.holdout': 'Hold-out check',
    'term.holdout.what':
      'The model is fitted before a cutoff and its forecast compared with the purchases that really happened after it.',
    'term.accuracy': 'Accuracy',
    'term.accuracy.what': 'The share of messages whose topic the model got right.',
    'term.macroF1': 'Macro-F1',
    'term.macroF1.what':
      'The F1 of each topic averaged with equal weight, so rare topics count as much as common ones (0 to 1).',
    'term.precision': 'Precision',
    'term.precision.what':
      'Of the messages the model put under a topic, the share that really belong there.',
    'term.recall': 'Recall',
    'term.recall.what': 'Of the messages that belong to a topic, the share the model put there.',
    'term.intentF1': 'F1 (per topic)',
    'term.intentF1.what': 'One figure per topic balancing precision and recall (0 to 1).',
    'term.unsure': 'Unsure threshold',
    'term.unsure.what':
      'Below this confidence the model does not answer and leaves the message to you; chosen on training messages only.',
    'term.intentConfusion': 'Confusion matrix',
    'term.intentConfusion.what':
      'Each row is a true topic, each column the topic the model chose: the diagonal is right, the rest shows which topics it mixes up.',
    'term.heldOut': 'Held-out purchases',
    'term.heldOut.what':
      'Each customer’s latest purchases are hidden while training; the models are scored on whether they suggest them.',
    'term.ndcg': 'NDCG@10',
    'term.ndcg.what':
      'How high in the list of 10 the products really bought appear: 1 means at the very top, 0 means not at all.',
    'term.precisionK': 'Precision@10',
    'term.precisionK.what': 'The share of the 10 suggestions that the customer really bought.',
    'term.recallK': 'Recall@10',
    'term.recallK.what':
      'The share of a customer’s hidden purchases found among the 10 suggestions.',
    'term.hitRate': 'Hit rate@10',
    'term.hitRate.what':
      'The share of customers with at least one hidden purchase among their 10 suggestions.',
    'term.coverage': 'Coverage',
    'term.coverage.what':
      'The share of products that are suggested to at least one customer; low coverage means the same few for everyone.',
    'term.validation': 'Validation NDCG@10',
    'term.validation.what':
      'NDCG on purchases carved from the training data, used to pick each model’s settings and the model in use.',
    'term.modularity': 'Modularity',
    'term.modularity.what':
      'How much more tightly customers are linked inside their communities than chance would give: above 0.3 is a clear grouping.',
    'term.linkAuc': 'ROC AUC (links)',
    'term.linkAuc.what':
      'The chance a hidden real link scores higher than a pair of unlinked customers: 0.5 is guessing, 1 is perfect.',
    'term.ap': 'Average precision',
    'term.ap.what':
      'How many of the top-rated pairs are real links, averaged down the list (1 is perfect, 0.5 is guessing here).',
    'term.linkHeuristics': 'Adamic–Adar, resource allocation, Jaccard',
    'term.linkHeuristics.what':
      'Simple scores from shared contacts, the baselines the learned model has to beat.',
    'term.gae': 'Graph autoencoder',
    'term.gae.what':
      'A small neural network that learns a position for each customer from the network and scores pairs by closeness.',
    'clv.fitTime': 'Fitted on this device in {s} s ({backend}).',
    'chart.table': 'Show as table',
    'chart.reference': 'Reference line',
    'chart.perfect': 'Perfectly calibrated',
    'chart.points': '{n} points',
    'chart.points.one': '{n} point',
    'chart.summary.line': '{title}: {series}; {n} points.',
    'chart.summary.curves': '{title}: {series}.',
    'chart.summary.scatter':
      '{title}: {n} points; {x} from {xmin} to {xmax}, {y} from {ymin} to {ymax}.',
    'chart.summary.graph': '{title}: {nodes} customers and {edges} links.',
    'chart.sampled': 'One point in every {step} of the {n} is shown.',
    'storage.denied':
      'The browser did not grant it (it often decides from how much the site is used); export a backup to be safe.',
    'storage.why':
      'Rapport keeps your customers only in this browser, so it asks the browser not to clear them when space runs low.',
    'storage.importNote':
      'Your data stays in this browser: Rapport asks the browser to keep it even when space runs low.'
  },
  zh: {
    'details.summary': '详细信息：这些数字背后的统计',
    'term.auc': 'ROC AUC',
    'term.auc.what': '流失客户被排得比留下的客户更危险的概率：0.5 相当于瞎猜，1 为完美。',
    'term.prAuc': 'PR AUC',
    'term.prAuc.what': '名单覆盖越来越多流失客户时仍能保持多准确；瞎猜的得分等于流失客户所占比例。',
    'term.f1': 'F1',
    'term.f1.what':
      '对被标记客户的综合评分：兼顾被标记者中真正流失的比例和流失者中被标记的比例（0 到 1）。',
    'term.sd': '± 数值',
    'term.sd.what': '各交叉验证折之间的波动：每一折都用其模型从未见过的客户来评分。',
    'term.calibration': '校准',
    'term.calibration.what':
      '预测 30% 的风险是否意味着约 30% 的此类客户会流失：点落在对角线上说明预测可信。',
    'term.confusion': '混淆矩阵',
    'term.confusion.what':
      '在某个风险阈值下，有多少客户被正确或错误地标记；移动阈值可以用一种错误换另一种错误。',
    'term.anomalyAuc': '异常检测 AUC',
    'term.anomalyAuc.what':
      '在数据副本中放入异常客户：其中一位比普通客户得分更异常的概率（0.5 相当于瞎猜，1 为完美）。',
    'term.timing': '训练时间和计算后端',
    'term.timing.what':
      '在本设备上训练所用的时间，以及运行它的引擎（WebGPU、WebGL、WASM 或 CPU）；它不影响结果。',
    'term.bgnbd': 'r、α、a、b（BG/NBD）',
    'term.bgnbd.what':
      '购买模型：r 和 α 描述客户购买的频率，a 和 b 描述客户在一次购买后停止购买的可能性。',
    'term.gammaGamma': 'p、q、γ（Gamma-Gamma）',
    'term.gammaGamma.what': '消费金额模型：一笔典型订单值多少，以及客户之间的差别有多大。',
    'term.se': '标准误',
    'term.se.what': '每个估计值的不确定程度：约 95% 的合理取值落在两个标准误之内。',
    'term.logLik': '对数似然',
    'term.logLik.what':
      '拟合的模型对已有购买记录的解释程度；越高（越接近零）越好，用于比较同一数据上的拟合。',
    'term.holdout': '留出检验',
    'term.holdout.what': '模型只用截止日期之前的数据拟合，再将其预测与截止日期之后的真实购买比较。',
    'term.accuracy': '准确率',
    'term.accuracy.what': '模型判断对主题的消息所占的比例。',
    'term.macroF1': '宏平均 F1',
    'term.macroF1.what': '各主题的 F1 以相同权重取平均，少见的主题与常见的主题同样重要（0 到 1）。',
    'term.precision': '精确率',
    'term.precision.what': '模型归入某个主题的消息中，真正属于该主题的比例。',
    'term.recall': '召回率',
    'term.recall.what': '属于某个主题的消息中，被模型归入该主题的比例。',
    'term.intentF1': 'F1（各主题）',
    'term.intentF1.what': '每个主题一个数，兼顾精确率和召回率（0 到 1）。',
    'term.unsure': '不确定阈值',
    'term.unsure.what': '置信度低于此值时模型不作回答，把消息留给您；只用训练消息选定。',
    'term.intentConfusion': '混淆矩阵',
    'term.intentConfusion.what':
      '每行是真实主题，每列是模型选择的主题：对角线上是判断正确的，其余显示模型把哪些主题混淆了。',
    'term.heldOut': '留出的购买',
    'term.heldOut.what': '训练时隐藏每位客户最近的购买；按模型是否推荐出这些商品来评分。',
    'term.ndcg': 'NDCG@10',
    'term.ndcg.what': '真正购买的商品在 10 条建议中排得多靠前：1 表示排在最前，0 表示没有出现。',
    'term.precisionK': '精确率@10',
    'term.precisionK.what': '10 条建议中客户真正购买了的比例。',
    'term.recallK': '召回率@10',
    'term.recallK.what': '客户被隐藏的购买中，出现在 10 条建议里的比例。',
    'term.hitRate': '命中率@10',
    'term.hitRate.what': '10 条建议中至少包含一件被隐藏购买的客户所占比例。',
    'term.coverage': '覆盖率',
    'term.coverage.what':
      '至少被推荐给一位客户的商品所占比例；覆盖率低表示人人都收到同样几件商品。',
    'term.validation': '验证集 NDCG@10',
    'term.validation.what':
      '在从训练数据中划出的购买上计算的 NDCG，用来选择各模型的参数和最终使用的模型。',
    'term.modularity': '模块度',
    'term.modularity.what': '社群内部的联系比随机情况紧密多少：高于 0.3 说明分组清晰。',
    'term.linkAuc': 'ROC AUC（联系）',
    'term.linkAuc.what': '隐藏的真实联系得分高于一对无联系客户的概率：0.5 相当于瞎猜，1 为完美。',
    'term.ap': '平均精确率',
    'term.ap.what':
      '评分最高的客户对中真实联系所占比例，沿名单往下取平均（1 为完美，此处瞎猜为 0.5）。',
    'term.linkHeuristics': 'Adamic–Adar、资源分配指数、Jaccard',
    'term.linkHeuristics.what': '基于共同联系人的简单评分，是学习模型必须超越的基准。',
    'term.gae': '图自编码器',
    'term.gae.what': '一个小型神经网络，从网络中为每位客户学习一个位置，并按远近为客户对评分。',
    'clv.fitTime': '在本设备上拟合用时 {s} 秒（{backend}）。',
    'chart.table': '以表格显示',
    'chart.reference': '参考线',
    'chart.perfect': '完全校准',
    'chart.points': '{n} 个点',
    'chart.points.one': '{n} 个点',
    'chart.summary.line': '{title}：{series}；{n} 个点。',
    'chart.summary.curves': '{title}：{series}。',
    'chart.summary.scatter':
      '{title}：{n} 个点；{x} 从 {xmin} 到 {xmax}，{y} 从 {ymin} 到 {ymax}。',
    'chart.summary.graph': '{title}：{nodes} 位客户和 {edges} 条关联。',
    'chart.sampled': '共 {n} 个点，每隔 {step} 个显示一个。',
    'storage.denied': '浏览器没有同意（通常取决于网站的使用频率）；为安全起见，请导出一份备份。',
    'storage.why':
      'Rapport 只把您的客户数据保存在此浏览器中，因此会请求浏览器在空间不足时不要清除它们。',
    'storage.importNote': '您的数据保留在此浏览器中：Rapport 会请求浏览器在空间不足时也保留它们。'
  }
};
