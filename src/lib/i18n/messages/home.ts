// Home page.
export default {
  en: {
    title: 'Know and keep your customers',
    intro:
      'Rapport turns your sales, point-of-sale, web, social and support exports into customer insight: who is at risk of leaving, what each customer is worth, and which groups they form.',
    'private.title': 'Nothing leaves this device',
    'private.body':
      'Your files are read, stored and analysed in this browser. No server, no upload, no tracking: Rapport keeps working with the network off.',
    'start.title': 'Get started',
    'start.titleMore': 'Add data',
    'start.sample': 'Load sample data',
    'start.sampleHint': 'A small shop with a year of orders, to explore first.',
    'start.import': 'Import CSV',
    'start.importHint': 'Bring your own exports.',
    'sample.loading': 'Loading sample data…',
    'sample.done': 'Sample data loaded.',
    'sample.failed': 'Could not load the sample data: {error}'
  },
  zh: {
    title: '了解并留住您的客户',
    intro:
      'Rapport 将您的网店、收银、网站、社交媒体和客服导出数据转化为客户洞察：谁可能流失、每位客户的价值、以及客户分为哪些群体。',
    'private.title': '数据不离开本设备',
    'private.body':
      '您的文件只在本浏览器中读取、存储和分析。没有服务器，没有上传，没有跟踪：断网后 Rapport 依然可用。',
    'start.title': '开始使用',
    'start.titleMore': '添加数据',
    'start.sample': '加载示例数据',
    'start.sampleHint': '一家小店一年的订单，先来探索一下。',
    'start.import': '导入 CSV',
    'start.importHint': '导入您自己的数据。',
    'sample.loading': '正在加载示例数据…',
    'sample.done': '示例数据已加载。',
    'sample.failed': '无法加载示例数据：{error}'
  }
};
