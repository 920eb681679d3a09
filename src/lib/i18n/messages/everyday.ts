// Everyday use: empty states that say what to import, plain-words headlines, whole-shop actions.
export default {
  en: {
    'needs.kind.customers': '{n} customers',
    'needs.kind.customers.one': '{n} customer',
    'needs.kind.orderLines': '{n} order lines',
    'needs.kind.orderLines.one': '{n} order line',
    'needs.kind.products': '{n} products',
    'needs.kind.products.one': '{n} product',
    'needs.kind.interactions': '{n} support messages',
    'needs.kind.interactions.one': '{n} support message',
    'needs.kind.relationships': '{n} links between customers',
    'needs.kind.relationships.one': '{n} link between customers',
    'needs.and': ', ',
    'needs.have': 'So far this device has {have}, but not what this page needs.',
    'needs.import': 'Import a file',
    'needs.sample': 'Or try the sample shop',
    'needs.clv.title': 'Lifetime value needs orders',
    'needs.clv.what':
      'Import your orders (a file with one row per order line: customer, date, amount, ideally product): lifetime value is estimated from how often and how much each customer has bought.',
    'needs.segments.title': 'Segments need orders',
    'needs.segments.what':
      'Import your orders (customer, date and amount of each purchase): segments group customers by how recently, how often and how much they buy.',
    'headline.churn':
      'Customers the model ranks riskiest left {lift}× as often as average: {topRate} of the riskiest {top} left, against {baseRate} of all customers (measured on customers the model had not seen).',
    'headline.atRisk.clv':
      "The {n} customers most likely to leave hold {pct} of next year's expected revenue.",
    'headline.atRisk.spend':
      'The {n} customers most likely to leave have spent {pct} of all the money spent so far.',
    'headline.clv': 'Next month: about {n} purchases from returning customers.',
    'headline.clvHint':
      'Estimated from how often each of the {customers} customers with orders has bought and how long it has been since their last purchase.',
    'headline.details': 'Details: the statistics behind these figures',
    cancel: 'Cancel',
    'sample.source': 'Sample shop',
    'sample.file': 'generated on this device',
    'sample.remove': 'Remove the sample shop',
    'sample.confirm':
      'Remove the sample shop? Its customers, products, orders, messages and links are removed in one go; your own imports stay.',
    'sample.yes': 'Yes, remove the sample shop',
    'sample.removing': 'Removing the sample shop…',
    'sample.removed': 'The sample shop was removed.',
    'sample.failed': 'Could not remove the sample shop: {error}',
    'deleteAll.title': 'Delete all data on this device',
    'deleteAll.body':
      'Everything Rapport stored in this browser: customers, orders, messages, imports and their history, trained models and settings. Nothing is stored anywhere else, so this cannot be undone.',
    'deleteAll.button': 'Delete all data on this device…',
    'deleteAll.confirm':
      'Delete all customers, orders, messages, import history and trained models from this device? This cannot be undone.',
    'deleteAll.yes': 'Yes, delete everything',
    'deleteAll.deleting': 'Deleting…',
    'deleteAll.done': 'All data on this device was deleted.',
    'deleteAll.failed': 'Could not delete the data: {error}'
  },
  zh: {
    'needs.kind.customers': '{n} 位客户',
    'needs.kind.customers.one': '{n} 位客户',
    'needs.kind.orderLines': '{n} 条订单行',
    'needs.kind.orderLines.one': '{n} 条订单行',
    'needs.kind.products': '{n} 种商品',
    'needs.kind.products.one': '{n} 种商品',
    'needs.kind.interactions': '{n} 条客服消息',
    'needs.kind.interactions.one': '{n} 条客服消息',
    'needs.kind.relationships': '{n} 条客户关联',
    'needs.kind.relationships.one': '{n} 条客户关联',
    'needs.and': '、',
    'needs.have': '本设备目前已有{have}，但还没有此页面需要的数据。',
    'needs.import': '导入文件',
    'needs.sample': '或试用示例商店',
    'needs.clv.title': '客户终身价值需要订单数据',
    'needs.clv.what':
      '请导入订单（每行一条订单明细：客户、日期、金额，最好还有商品）：终身价值根据每位客户购买的频率和金额来估计。',
    'needs.segments.title': '客户细分需要订单数据',
    'needs.segments.what':
      '请导入订单（每次购买的客户、日期和金额）：细分按客户最近一次购买、购买频率和金额对客户分组。',
    'headline.churn':
      '模型判定风险最高的客户流失的频率是平均水平的 {lift} 倍：风险最高的 {top} 位客户中有 {topRate} 流失，而全部客户为 {baseRate}（在模型未见过的客户上测得）。',
    'headline.atRisk.clv': '最可能流失的 {n} 位客户占明年预期收入的 {pct}。',
    'headline.atRisk.spend': '最可能流失的 {n} 位客户的消费额占迄今全部消费的 {pct}。',
    'headline.clv': '下个月：老客户预计约有 {n} 次购买。',
    'headline.clvHint': '根据 {customers} 位有订单的客户各自的购买频率和距上次购买的时间估计。',
    'headline.details': '详细信息：这些数字背后的统计',
    cancel: '取消',
    'sample.source': '示例商店',
    'sample.file': '在本设备上生成',
    'sample.remove': '移除示例商店',
    'sample.confirm':
      '移除示例商店？其客户、商品、订单、消息和关联将一次性全部移除；您自己导入的数据保留。',
    'sample.yes': '是的，移除示例商店',
    'sample.removing': '正在移除示例商店…',
    'sample.removed': '示例商店已移除。',
    'sample.failed': '无法移除示例商店：{error}',
    'deleteAll.title': '删除本设备上的所有数据',
    'deleteAll.body':
      'Rapport 在本浏览器中存储的一切：客户、订单、消息、导入及其历史、已训练的模型和设置。这些数据没有存储在其他任何地方，因此删除后无法恢复。',
    'deleteAll.button': '删除本设备上的所有数据…',
    'deleteAll.confirm':
      '从本设备删除所有客户、订单、消息、导入历史和已训练的模型？此操作无法撤销。',
    'deleteAll.yes': '是的，全部删除',
    'deleteAll.deleting': '正在删除…',
    'deleteAll.done': '本设备上的所有数据已删除。',
    'deleteAll.failed': '无法删除数据：{error}'
  }
};
