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
    'chart.sampled': 'Every {step}th point of {n} is shown.',
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
